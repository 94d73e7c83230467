// A client written in another language, from protos/ alone, against the running service:
// create a Russian release, add its English variant, read it in either language with fallback,
// stream a filtered query, search by words and read the marks, watch changes and resume, and see the
// documented errors.
// TRANSLATIONS_ADDRESS names the server; TRANSLATIONS_EDITOR_TOKEN, TRANSLATIONS_READER_TOKEN and
// TRANSLATIONS_ADMIN_TOKEN are bearer tokens for the three roles. TRANSLATIONS_HTTP_ADDRESS names its
// HTTP/JSON endpoint, read with plain fetch (HTTP/1.1), as a caller without gRPC would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const address = process.env.TRANSLATIONS_ADDRESS ?? '127.0.0.1:5080';
const httpAddress = process.env.TRANSLATIONS_HTTP_ADDRESS ?? '127.0.0.1:5081';
const definition = protoLoader.loadSync(
  ['translations/v1/release_service.proto', 'translations/v1/editorial_service.proto',
   'translations/v1/translation_service.proto', 'translations/v1/backup_service.proto'],
  {
    includeDirs: [path.join(here, '../../protos'), path.join(here, 'node_modules/google-proto-files')],
    keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true,
  });
const proto = grpc.loadPackageDefinition(definition);
const v1 = proto.translations.v1;
const credentials = grpc.credentials.createInsecure();
const bearer = (token) => {
  const metadata = new grpc.Metadata();
  if (token) metadata.add('authorization', `Bearer ${token}`);
  return metadata;
};
const asEditor = bearer(process.env.TRANSLATIONS_EDITOR_TOKEN);
const asReader = bearer(process.env.TRANSLATIONS_READER_TOKEN);
const asAdmin = bearer(process.env.TRANSLATIONS_ADMIN_TOKEN);
const anonymous = bearer(undefined);
const releases = new v1.ReleaseService(address, credentials);
const editorial = new v1.EditorialService(address, credentials);
const translation = new v1.TranslationService(address, credentials);
const backup = new v1.BackupService(address, credentials);

const call = (client, method, request, metadata = asEditor) => new Promise((resolve, reject) =>
  client[method](request, metadata, { deadline: Date.now() + 30_000 }, (error, response) => (error ? reject(error) : resolve(response))));

const stream = (client, method, request, metadata = asEditor) => new Promise((resolve, reject) => {
  const items = [];
  client[method](request, metadata, { deadline: Date.now() + 30_000 })
    .on('data', (item) => items.push(item)).on('error', reject).on('end', () => resolve(items));
});

const run = `node-${process.pid}-${Date.now()}`;
const category = `contract-${Date.now()}`;

// google.rpc.Status and its details, decoded from the grpc-status-details-bin trailer.
const googleProtos = path.join(here, 'node_modules/google-proto-files');
const rpcTypes = new protobuf.Root();
rpcTypes.resolvePath = (_origin, target) => path.join(googleProtos, target);
rpcTypes.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto'], { keepCase: true });

/** The google.rpc detail of one type (e.g. 'google.rpc.ErrorInfo') in an error's grpc-status-details-bin trailer. */
function detail(error, typeName) {
  const [bytes] = error.metadata.get('grpc-status-details-bin');
  assert.ok(bytes, 'the error carries google.rpc.Status details');
  const status = rpcTypes.lookupType('google.rpc.Status').decode(bytes);
  const found = status.details.find((d) => d.type_url.endsWith(`/${typeName}`));
  assert.ok(found, `the details hold a ${typeName}`);
  return rpcTypes.lookupType(typeName).decode(found.value);
}

const errorInfo = (error) => detail(error, 'google.rpc.ErrorInfo');

/** The field paths of the google.rpc.BadRequest that an INVALID_ARGUMENT error carries. */
const violatedFields = (error) => detail(error, 'google.rpc.BadRequest').field_violations.map((v) => v.field).sort();

before(async () => {
  // The server may still be starting: wait until it accepts connections.
  const health = new grpc.Client(address, credentials);
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await new Promise((resolve, reject) => health.waitForReady(Date.now() + 2_000, (e) => (e ? reject(e) : resolve())));
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
  health.close();
});

after(() => [releases, editorial, translation, backup].forEach((c) => c.close()));

test('a Russian release gets its English variant and is read in either language', async () => {
  const created = (await call(editorial, 'CreateRelease', {
    request_id: `${run}-create`,
    release: {
      slug: `${run}-summit`, release_date: { year: 2024, month: 4, day: 24 }, category, tags: ['summit'],
      variants: [{ language: 'ru', title: 'Саммит открылся', body: 'Первый абзац.\n\nВторой абзац.' }],
    },
  })).release;
  assert.match(created.id, /^[0-9a-f]{32}$/);
  assert.equal(created.revision, 1);
  assert.equal(created.source_language, 'ru');

  const fallback = await call(releases, 'GetRelease', { id: created.id, language: 'en', view: 'RELEASE_VIEW_DRAFT' });
  assert.equal(fallback.served_language, 'ru');
  assert.equal(fallback.fell_back, true);

  const submitted = await call(translation, 'SubmitVariant', {
    release_id: created.id, language: 'en', title: 'Summit opens', body: 'First paragraph.\n\nSecond paragraph.',
    expected_revision: 0, request_id: `${run}-en`,
  });
  assert.equal(submitted.variant.revision, 1);
  assert.equal(submitted.variant.source_revision, 1);
  assert.equal(submitted.release_revision, 2);

  const english = await call(releases, 'GetRelease', { slug: `${run}-summit`, language: 'en', view: 'RELEASE_VIEW_DRAFT' });
  assert.equal(english.served_language, 'en');
  assert.equal(english.fell_back, false);
  assert.deepEqual(english.release.variants.map((v) => v.title), ['Summit opens']);

  const russian = await call(releases, 'GetRelease', { id: created.id, language: 'ru', view: 'RELEASE_VIEW_DRAFT' });
  assert.deepEqual(russian.release.variants.map((v) => v.title), ['Саммит открылся']);
});

test('a bulk create answers one outcome per item, in order, each created or refused on its own', async () => {
  const response = await new Promise((resolve, reject) => {
    const bulk = editorial.CreateReleases(asEditor, { deadline: Date.now() + 30_000 }, (error, answer) => (error ? reject(error) : resolve(answer)));
    const item = (n, title) => ({
      release: {
        request_id: `${run}-bulk-${n}`,
        release: { release_date: { year: 2023, month: 3, day: n }, category: `${category}-bulk`, variants: [{ language: 'ru', title, body: 'Текст.' }] },
      },
    });
    bulk.write(item(1, 'Первый'));
    bulk.write(item(2, ''));
    bulk.write(item(3, 'Третий'));
    bulk.end();
  });
  assert.deepEqual(response.outcomes.map((o) => o.index), [0, 1, 2]);
  assert.deepEqual(response.outcomes.map((o) => o.result), ['release', 'error', 'release']);
  assert.equal(response.outcomes[1].error.code, grpc.status.INVALID_ARGUMENT);
  assert.equal(response.outcomes[2].release.variants[0].title, 'Третий');
});

test('an admin exports every release whole and restoring it again changes nothing; an editor may do neither', async () => {
  const created = (await call(editorial, 'CreateRelease', {
    release: { release_date: { year: 2023, month: 4, day: 1 }, category: `${category}-backup`, variants: [{ language: 'ru', title: 'Для резервной копии', body: 'Текст.' }] },
  })).release;
  const exported = (await stream(backup, 'ExportReleases', {}, asAdmin)).map((r) => r.release);
  const mine = exported.find((b) => b.release.id === created.id);
  assert.ok(mine, 'the export holds the new release');
  assert.equal(mine.variants[0].current.title, 'Для резервной копии');
  assert.deepEqual(mine.variants[0].revisions.map((r) => r.revision), [1]);

  const response = await new Promise((resolve, reject) => {
    const restore = backup.RestoreReleases(asAdmin, { deadline: Date.now() + 30_000 }, (error, answer) => (error ? reject(error) : resolve(answer)));
    restore.write({ release: mine });
    restore.end();
  });
  assert.deepEqual(response.outcomes.map((o) => [o.index, o.release_id, o.result, o.restored]), [[0, created.id, 'restored', 'RESTORE_RESULT_UNCHANGED']]);

  await assert.rejects(stream(backup, 'ExportReleases', {}, asEditor), (error) => error.code === grpc.status.PERMISSION_DENIED);
});

test('a filtered query streams matching releases with cursors and resumes after one', async () => {
  for (const day of [1, 2, 3]) {
    await call(editorial, 'CreateRelease', {
      release: {
        release_date: { year: 2023, month: 5, day }, category,
        variants: [{ language: 'ru', title: `Новость ${day}`, body: 'Текст.' }],
      },
    });
  }
  const request = {
    filter: { categories: [category], release_date_from: { year: 2023, month: 1, day: 1 }, release_date_to: { year: 2023, month: 12, day: 31 } },
    order: 'RELEASE_ORDER_RELEASE_DATE_ASCENDING', language: 'en', view: 'RELEASE_VIEW_DRAFT',
  };
  const all = await stream(releases, 'QueryReleases', request);
  assert.deepEqual(all.map((r) => r.release.release_date.day), [1, 2, 3]);
  assert.ok(all.every((r) => r.cursor && r.fell_back && r.served_language === 'ru'));

  const rest = await stream(releases, 'QueryReleases', { ...request, after: all[0].cursor });
  assert.deepEqual(rest.map((r) => r.release.id), all.slice(1).map((r) => r.release.id));
});

test('a search finds Russian words in any form, marks them as code-point ranges, and resumes after a cursor', async () => {
  const searched = `${category}-search`;
  const ids = [];
  for (const [day, title, body] of [
    [1, 'Учения ОДКБ пройдут в Таджикистане', '🎄 В учениях участвуют военнослужащие стран ОДКБ.'],
    [2, 'Форум молодых дипломатов', 'Участники обсудили учение о «мягкой силе».'],
  ]) {
    const created = await call(editorial, 'CreateRelease', {
      release: { release_date: { year: 2026, month: 5, day }, category: searched, variants: [{ language: 'ru', title, body }] },
    });
    ids.push(created.release.id);
  }
  // Marks count code points: Array.from, not String.prototype.slice, which counts UTF-16 units (🎄 is two).
  const marked = (text) => text.marks.map((m) => Array.from(text.text).slice(m.start, m.start + m.length).join(''));
  const request = { query: 'учения ОДКБ', language: 'ru', view: 'RELEASE_VIEW_DRAFT', filter: { categories: [searched] } };

  const hits = await stream(releases, 'SearchReleases', { ...request, mark_tags: { open: '<b>', close: '</b>' } });
  assert.equal(hits.length, 1);
  const { hit } = hits[0];
  assert.deepEqual([hit.release_id, hit.language, hit.release_date.day], [ids[0], 'ru', 1]);
  assert.deepEqual(marked(hit.title), ['Учения', 'ОДКБ']);
  assert.deepEqual(marked(hit.snippet), ['учениях', 'ОДКБ']);
  assert.equal(hit.title.tagged, '<b>Учения</b> <b>ОДКБ</b> пройдут в Таджикистане');
  assert.ok(hit.score > 0 && hits[0].cursor);

  const both = await stream(releases, 'SearchReleases', { ...request, query: 'учение' });
  assert.deepEqual(both.map((r) => r.hit.release_id).sort(), [...ids].sort());
  const rest = await stream(releases, 'SearchReleases', { ...request, query: 'учение', after: both[0].cursor });
  assert.deepEqual(rest.map((r) => r.hit.release_id), [both[1].hit.release_id]);

  const empty = await stream(releases, 'SearchReleases', { query: '', language: 'ru' }, asReader).catch((e) => e);
  assert.equal(empty.code, grpc.status.INVALID_ARGUMENT);
  assert.deepEqual(violatedFields(empty), ['query']);
  const drafts = await stream(releases, 'SearchReleases', { query: 'учения', language: 'ru', view: 'RELEASE_VIEW_DRAFT' }, asReader).catch((e) => e);
  assert.equal(drafts.code, grpc.status.PERMISSION_DENIED);
});

test('over HTTP/JSON a reader reads a published release, streams a query as a JSON array, and is told why a call is refused', async () => {
  const created = (await call(editorial, 'CreateRelease', {
    submit_for_review: true,
    release: {
      release_date: { year: 2022, month: 3, day: 1 }, category: `${category}-http`,
      variants: [{ language: 'ru', title: 'Опубликовано', body: 'Текст.' }],
    },
  })).release;
  const hidden = (await call(editorial, 'CreateRelease', {
    release: { release_date: { year: 2022, month: 3, day: 2 }, category: `${category}-http`, variants: [{ language: 'ru', title: 'Черновик', body: 'Текст.' }] },
  })).release;
  await call(editorial, 'ReviewVariant', { release_id: created.id, language: 'ru', expected_revision: 1, decision: 'REVIEW_DECISION_APPROVE' });
  await call(editorial, 'PublishRelease', { id: created.id, languages: ['ru'] });
  const get = (pathAndQuery, token = process.env.TRANSLATIONS_READER_TOKEN) =>
    fetch(`http://${httpAddress}${pathAndQuery}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  const one = await get(`/v1/releases/${created.id}?language=en`);
  assert.equal(one.status, 200);
  const body = await one.json();
  assert.equal(body.release.variants[0].title, 'Опубликовано');
  assert.equal(body.servedLanguage, 'ru');
  assert.equal(body.fellBack, true);

  const query = await get(`/v1/releases?filter.categories=${category}-http`);
  assert.deepEqual((await query.json()).map((r) => r.release.id), [created.id]);

  const draft = await get(`/v1/releases/${hidden.id}`);
  assert.equal(draft.status, 404);
  const anonymousCall = await get(`/v1/releases/${created.id}`, null);
  assert.equal(anonymousCall.status, 401);
  const status = await anonymousCall.json();
  assert.equal(status.code, grpc.status.UNAUTHENTICATED);
  assert.equal(status.details.find((d) => d['@type'].endsWith('/google.rpc.ErrorInfo')).reason, 'TOKEN_MISSING');
});

test('errors carry the documented status codes and details', async () => {
  const invalid = await call(editorial, 'CreateRelease', {
    release: { release_date: { year: 2024, month: 2, day: 30 }, variants: [{ language: 'de', title: '', body: 'x' }] },
  }).catch((e) => e);
  assert.equal(invalid.code, grpc.status.INVALID_ARGUMENT);
  assert.deepEqual(violatedFields(invalid), ['release.release_date', 'release.variants[0].language', 'release.variants[0].title']);

  const missing = await call(releases, 'GetRelease', { id: '0'.repeat(32) }).catch((e) => e);
  assert.equal(missing.code, grpc.status.NOT_FOUND);

  const created = (await call(editorial, 'CreateRelease', {
    release: { category, variants: [{ language: 'ru', title: 'Заголовок', body: 'Текст.' }] },
  })).release;
  const stale = await call(translation, 'SubmitVariant', {
    release_id: created.id, language: 'ru', title: 'Правка', body: 'Текст.', expected_revision: 5,
  }).catch((e) => e);
  assert.equal(stale.code, grpc.status.ABORTED);
});

test('a call without a token is UNAUTHENTICATED; a reader reads what is published but may not write', async () => {
  const withoutToken = await call(releases, 'GetRelease', { id: '0'.repeat(32) }, anonymous).catch((e) => e);
  assert.equal(withoutToken.code, grpc.status.UNAUTHENTICATED);
  assert.equal(errorInfo(withoutToken).reason, 'TOKEN_MISSING');
  const streamWithoutToken = await stream(releases, 'QueryReleases', {}, anonymous).catch((e) => e);
  assert.equal(streamWithoutToken.code, grpc.status.UNAUTHENTICATED);

  const created = (await call(editorial, 'CreateRelease', {
    release: { category, variants: [{ language: 'ru', title: 'Для читателя', body: 'Текст.' }] },
    submit_for_review: true,
  })).release;
  const unpublished = await call(releases, 'GetRelease', { id: created.id }, asReader).catch((e) => e);
  assert.equal(unpublished.code, grpc.status.NOT_FOUND);

  const approved = await call(editorial, 'ReviewVariant', {
    release_id: created.id, language: 'ru', expected_revision: 1, decision: 'REVIEW_DECISION_APPROVE',
  });
  assert.equal(approved.variant.state, 'VARIANT_STATE_APPROVED');
  await call(editorial, 'PublishRelease', { id: created.id, languages: ['ru'] });
  const read = await call(releases, 'GetRelease', { id: created.id }, asReader);
  assert.equal(read.release.id, created.id);
  assert.equal(read.release.variants[0].state, 'VARIANT_STATE_PUBLISHED');

  const write = await call(editorial, 'CreateRelease', {
    release: { category, variants: [{ language: 'ru', title: 'Нельзя', body: 'Текст.' }] },
  }, asReader).catch((e) => e);
  assert.equal(write.code, grpc.status.PERMISSION_DENIED);
  const info = errorInfo(write);
  assert.equal(info.reason, 'MISSING_RIGHT');
  assert.equal(info.metadata.right, 'releases.edit');
});

test('a watch delivers new changes in sequence order and resumes right after the last one seen; readers see only publications', async () => {
  const watched = `${category}-watch`;
  const events = (watch, count) => new Promise((resolve, reject) => {
    const items = [];
    watch.on('data', (response) => { items.push(response.event); if (items.length === count) resolve(items); }).on('error', reject);
  });
  const watch = releases.WatchReleases({ categories: [watched], view: 'RELEASE_VIEW_DRAFT' }, asEditor);
  const after = await new Promise((resolve, reject) =>
    watch.on('metadata', (headers) => resolve(Number(headers.get('after-sequence')[0]))).on('error', reject));
  const two = events(watch, 2);
  const created = (await call(editorial, 'CreateRelease', {
    release: { category: watched, variants: [{ language: 'ru', title: 'Наблюдаемый', body: 'Текст.' }] },
  })).release;
  await call(translation, 'SubmitVariant', {
    release_id: created.id, language: 'en', title: 'Watched', body: 'Text.', expected_revision: 0,
  });
  const [first, second] = await two;
  watch.cancel();
  assert.deepEqual([first.type, second.type], ['RELEASE_EVENT_TYPE_CREATED', 'RELEASE_EVENT_TYPE_VARIANT_SUBMITTED']);
  assert.deepEqual([first.release_id, second.release_id, first.language, second.language], [created.id, created.id, 'ru', 'en']);
  assert.ok(after < first.sequence && first.sequence < second.sequence);

  // Unpublished, so only the draft view (an editor's) has a release to attach.
  const resumed = releases.WatchReleases({ after_sequence: first.sequence, categories: [watched], include_release: true, view: 'RELEASE_VIEW_DRAFT' }, asEditor);
  const [next] = await events(resumed, 1);
  resumed.cancel();
  assert.equal(next.sequence, second.sequence);
  assert.equal(next.release.revision, 2);

  // A reader watching from the same point learns nothing of the drafts, only of the publication.
  const readerWatch = releases.WatchReleases({ after_sequence: after, categories: [watched], include_release: true }, asReader);
  const publication = events(readerWatch, 1);
  const sent = await call(translation, 'SendVariantToReview', { release_id: created.id, language: 'ru', expected_revision: 1 });
  await call(editorial, 'ReviewVariant', {
    release_id: created.id, language: 'ru', expected_revision: sent.variant.revision, decision: 'REVIEW_DECISION_APPROVE',
  });
  await call(editorial, 'PublishRelease', { id: created.id, languages: ['ru'] });
  const [published] = await publication;
  readerWatch.cancel();
  assert.equal(published.type, 'RELEASE_EVENT_TYPE_VARIANT_PUBLISHED');
  assert.equal(published.release_id, created.id);
  assert.deepEqual(published.release.variants.map((v) => [v.language, v.state]), [['ru', 'VARIANT_STATE_PUBLISHED']]);
  assert.ok(published.sequence > second.sequence + 2);
});
