// "Publish at" is typed in the browser's local time; only the browser knows that time zone and its
// daylight saving rules, so it turns the typed value into UTC.

// "2026-12-01T09:00" (a datetime-local value) as an ISO 8601 instant in UTC; null when it is no time.
export function toUtc(local) {
    if (!local) {
        return null;
    }
    const time = new Date(local);
    return Number.isNaN(time.getTime()) ? null : time.toISOString();
}

// The browser's time zone as people read it: "Europe/Moscow, UTC+03:00".
export function timeZone() {
    const minutes = -new Date().getTimezoneOffset();
    const sign = minutes < 0 ? "-" : "+";
    const hours = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, "0");
    const rest = String(Math.abs(minutes) % 60).padStart(2, "0");
    const name = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return `${name ? name + ", " : ""}UTC${sign}${hours}:${rest}`;
}
