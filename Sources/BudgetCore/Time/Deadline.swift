import Foundation

/// When submissions are due.
///
/// A date deadline ("2020-03-10") covers every instant before 00:00:00 of the next day in
/// the plan's zone; a timestamp deadline is taken as is. A receipt at or before the
/// deadline is on time.
public struct Deadline: Hashable, Sendable {
    /// The deadline as the plan writes it.
    public let text: String
    /// For a date deadline, 00:00:00 of the next day: the first late instant.
    /// For a timestamp deadline, the timestamp, which is itself still on time.
    public let boundary: Date
    /// The deadline to show: the end of the day for a date, the timestamp otherwise.
    public let shown: Date
    /// Whether the plan gave a date alone.
    public let isDate: Bool

    /// Reads `text` in `zone`, or returns `nil` if it is not an ISO 8601 date or time.
    public init?(_ text: String, zone: TimeZone) {
        guard let parsed = ISOTime.parse(text) else { return nil }
        self.text = text
        if parsed.isDateOnly {
            boundary = parsed.local.nextDay.instant(in: zone)
            shown = boundary.addingTimeInterval(-1)
            isDate = true
        } else {
            boundary = parsed.instant(defaultZone: zone)
            shown = boundary
            isDate = false
        }
    }

    /// Whether a receipt at `instant` is on time.
    public func isOnTime(_ instant: Date) -> Bool {
        isDate ? instant < boundary : instant <= boundary
    }
}
