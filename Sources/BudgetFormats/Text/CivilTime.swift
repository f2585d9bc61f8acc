/// Calendar fields of a count of seconds since 1970-01-01 00:00:00, proleptic Gregorian.
///
/// Written out (days-from-civil arithmetic) rather than asked of `Calendar` so that the
/// formats never depend on a locale or the host's calendar settings: the timestamps in a
/// ZIP or a workbook are a pure function of the instant and offset passed in.
import Foundation

struct CivilTime: Equatable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int

    init(secondsSince1970 seconds: Int64) {
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        hour = Int(rest / 3600)
        minute = Int(rest % 3600 / 60)
        second = Int(rest % 60)
        // Shift the epoch to 0000-03-01 so leap days fall at the end of a 400-year era.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        year = Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))
    }

    /// Whole seconds since 1970 of `date`, rounded down; clamped to ±10¹⁴ s (about three
    /// million years), so a non-finite or absurd date gives a time, never a trap.
    static func seconds(of date: Date) -> Int64 {
        let value = date.timeIntervalSince1970
        guard value.isFinite else { return value > 0 ? 100_000_000_000_000 : -100_000_000_000_000 }
        return Int64(min(max(value.rounded(.down), -1e14), 1e14))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` (W3C date-time), for UTC fields.
    var w3cUTC: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))Z"
    }
}
