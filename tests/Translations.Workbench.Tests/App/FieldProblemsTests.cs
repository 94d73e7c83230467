using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Translations.Client;
using Translations.Workbench.Components;
using Translations.Workbench.Releases;

namespace Translations.Workbench.Tests.App;

/// <summary>The service's field violations shown by the form fields they concern, as a screen reader reaches them too.</summary>
public sealed class FieldProblemsTests
{
    [Fact]
    public void Each_violation_is_shown_by_the_field_that_holds_it_and_a_part_of_a_field_is_named()
    {
        var problems = new FieldProblems();

        var placed = problems.AddFrom(Refused(("release.category", "must be empty or 1-64 characters of a-z, 0-9 and '-'"),
            ("release.tags[1]", "must be 1-64 characters, got 70"), ("release.variants[0].title", "must be 1-300 characters, got 0")), ReleaseForm.Fields);

        Assert.True(placed);
        Assert.Equal("must be empty or 1-64 characters of a-z, 0-9 and '-'", problems[nameof(ReleaseForm.Category)]);
        Assert.Equal("release.tags[1]: must be 1-64 characters, got 70", problems[nameof(ReleaseForm.Tags)]);
        Assert.Equal("must be 1-300 characters, got 0", problems[nameof(ReleaseForm.Title)]);
        Assert.Null(problems[nameof(ReleaseForm.Lead)]);
    }

    [Fact]
    public void A_violation_of_a_field_the_form_does_not_show_asks_for_the_alert()
    {
        var problems = new FieldProblems();

        Assert.False(problems.AddFrom(Refused(("release.category", "is wrong"), ("request_id", "is too long")), ReleaseForm.Fields));
        Assert.Equal("is wrong", problems[nameof(ReleaseForm.Category)]);
    }

    [Fact]
    public void A_refusal_without_field_violations_asks_for_the_alert()
    {
        Assert.False(new FieldProblems().AddFrom(Refused(), ReleaseForm.Fields));
    }

    [Fact]
    public void A_path_that_only_starts_like_a_field_is_not_that_field()
    {
        var problems = new FieldProblems();

        problems.AddFrom(Refused(("release.tagsets", "is wrong")), [("release.tags", "Tags")]);

        Assert.Null(problems["Tags"]);
    }

    [Fact]
    public void A_control_with_a_problem_is_invalid_and_described_by_its_hint_and_its_problem()
    {
        var problems = new FieldProblems();
        problems.Add("Tags", "Too many.");

        Assert.Equal(new Dictionary<string, object> { ["aria-describedby"] = "tags-hint tags-problem", ["aria-invalid"] = "true" },
            problems.AriaFor("Tags", "tags-problem", "tags-hint"));
        Assert.Equal(new Dictionary<string, object> { ["aria-describedby"] = "slug-hint" }, problems.AriaFor("Slug", "slug-problem", "slug-hint"));
        Assert.Empty(problems.AriaFor("Slug", "slug-problem"));
    }

    /// <summary>INVALID_ARGUMENT as the service sends it: the violations in google.rpc.BadRequest in the status details.</summary>
    private static TranslationsException Refused(params (string Field, string Description)[] violations)
    {
        var status = new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = "The request is invalid." };
        if (violations.Length > 0)
        {
            var badRequest = new BadRequest();
            badRequest.FieldViolations.Add(violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
            status.Details.Add(Google.Protobuf.WellKnownTypes.Any.Pack(badRequest));
        }
        var call = new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, status.Message),
            new Metadata { { "grpc-status-details-bin", status.ToByteArray() } });
        return Assert.IsType<InvalidRequestException>(TranslationsErrors.From(call));
    }
}
