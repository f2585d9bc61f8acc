import Foundation

/// The calendar month a round of a recurring plan covers: `2020-02`.
///
/// Written `YYYY-MM` in plans, on the command line (`init --period 2020-02`), in the round
/// (`meta.period`) and in JSON; Vietnamese papers say "tháng 02/2020".
public struct Period: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    /// 1…12.
    public let month: Int

    /// The period of `month` in `year`, or `nil` outside years 1…9999 and months 1…12.
    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Reads `YYYY-MM` exactly: four digits, a hyphen, two digits, the month 01–12.
    /// Anything else ("2020-2", "02/2020", "2020-13", "2020-02-20") is `nil`.
    public init?(_ text: String) {
        let b = Array(text.utf8)
        guard b.count == 7, b[4] == UInt8(ascii: "-") else { return nil }
        var digits: [Int] = []
        for (index, byte) in b.enumerated() where index != 4 {
            guard (48...57).contains(byte) else { return nil }
            digits.append(Int(byte) - 48)
        }
        let year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
        self.init(year: year, month: digits[4] * 10 + digits[5])
    }

    /// The month that holds `instant` in `zone`.
    public init(containing instant: Date, in zone: TimeZone) {
        let local = LocalDateTime(instant, in: zone)
        year = min(max(local.year, 1), 9999)
        month = local.month
    }

    /// `2020-02`: what plans, the round and JSON hold.
    public var text: String { ISOTime.pad(year, 4) + "-" + ISOTime.pad(month, 2) }

    public var description: String { text }

    /// "tháng 02/2020", as Vietnamese papers name the month (the month with two digits).
    public var vietnamese: String { "tháng " + ISOTime.pad(month, 2) + "/" + ISOTime.pad(year, 4) }

    /// "February 2020".
    public var english: String { Self.monthNames[month - 1] + " " + String(year) }

    /// The period in the reader's language: "tháng 02/2020" or "February 2020".
    public func label(_ language: Language) -> String { language == .vi ? vietnamese : english }

    /// The month after, or `nil` after December 9999.
    public var next: Period? { month == 12 ? Period(year: year + 1, month: 1) : Period(year: year, month: month + 1) }

    public static func < (lhs: Period, rhs: Period) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
}

/// A time of day on the plan's clock, such as the 17:00 of a deadline: `HH:MM` or `HH:MM:SS`.
public struct TimeOfDay: Hashable, Sendable {
    public let hour: Int
    public let minute: Int
    public let second: Int

    /// Reads `HH:MM` or `HH:MM:SS` (00:00 to 23:59:59), or returns `nil`.
    public init?(_ text: String) {
        let b = Array(text.utf8)
        guard b.count == 5 || b.count == 8, b[2] == UInt8(ascii: ":"), b.count == 5 || b[5] == UInt8(ascii: ":")
        else { return nil }
        func two(_ at: Int) -> Int? {
            guard (48...57).contains(b[at]), (48...57).contains(b[at + 1]) else { return nil }
            return Int(b[at] - 48) * 10 + Int(b[at + 1] - 48)
        }
        guard let hour = two(0), let minute = two(3), hour <= 23, minute <= 59 else { return nil }
        var second = 0
        if b.count == 8 {
            guard let s = two(6), s <= 59 else { return nil }
            second = s
        }
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// `17:00:00`.
    public var text: String { ISOTime.pad(hour, 2) + ":" + ISOTime.pad(minute, 2) + ":" + ISOTime.pad(second, 2) }
}

/// A deadline that recurs: the plan member `"recurrence"`, such as
/// `{"every": "month", "day": 20, "first": "2020-01"}` — reports due on the 20th of every
/// month from January 2020.
///
/// Each period (a calendar month) has its own deadline, in that month: the `day`th, or the
/// month's last day when it has fewer days (`"day": 31` is 29 February 2020, 30 April).
/// Without `time` the whole day counts, as for a date `deadline`; with `"time": "17:00"`
/// a receipt at or before 17:00:00 on that day, in the plan's zone, is on time.
public struct Recurrence: Hashable, Sendable {
    /// How often the deadline comes back: every month, the one unit supported.
    public enum Unit: String, Hashable, Sendable, CaseIterable {
        case month
    }

    public var every: Unit
    /// The day of the month, 1–31; past the month's end, the month's last day.
    public var day: Int
    /// The time of day of each deadline; `nil` when the whole day counts.
    public var time: TimeOfDay?
    /// The first period of the plan.
    public var first: Period
    /// The last period of the plan; `nil` when it runs on.
    public var last: Period?

    public init(every: Unit = .month, day: Int, time: TimeOfDay? = nil, first: Period, last: Period? = nil) {
        self.every = every
        self.day = day
        self.time = time
        self.first = first
        self.last = last
    }

    /// Whether `period` is one of the plan's: from ``first`` to ``last`` (if any).
    public func contains(_ period: Period) -> Bool {
        period >= first && (last.map { period <= $0 } ?? true)
    }

    /// The day of `period`'s month the deadline falls on: ``day``, or the month's last day.
    public func dueDay(in period: Period) -> Int {
        min(max(day, 1), LocalDateTime.daysIn(month: period.month, year: period.year))
    }

    /// The deadline of `period` in `zone`.
    public func deadline(for period: Period, zone: TimeZone) -> Deadline {
        let date = LocalDateTime(year: period.year, month: period.month, day: dueDay(in: period))
        guard let time else { return Deadline(endOf: date, zone: zone) }
        var at = date
        at.hour = time.hour
        at.minute = time.minute
        at.second = time.second
        return Deadline(at: at, zone: zone)
    }

    /// The plan's period still open at `instant`: the first whose deadline has not passed,
    /// not before ``first``; `nil` when even ``last``'s deadline has passed. What `init`
    /// suggests when a recurring plan is given no period.
    public func openPeriod(at instant: Date, zone: TimeZone) -> Period? {
        var period = Period(containing: instant, in: zone)
        if !deadline(for: period, zone: zone).isOnTime(instant) {
            guard let next = period.next else { return nil }
            period = next
        }
        if period < first { period = first }
        if let last, period > last { return nil }
        return period
    }
}

extension Deadline {
    /// The end of the day `date` (its time ignored) in `zone`: every instant before 00:00:00
    /// of the next day is on time, as for a date `deadline`.
    init(endOf date: LocalDateTime, zone: TimeZone) {
        var day = date
        day.hour = 0
        day.minute = 0
        day.second = 0
        day.nanosecond = 0
        let next = day.nextDay
        text = ISOTime.pad(day.year, 4) + "-" + ISOTime.pad(day.month, 2) + "-" + ISOTime.pad(day.day, 2)
        boundary = next.instant(in: zone)
        shown = boundary.addingTimeInterval(-1)
        isDate = true
    }

    /// The wall-clock time `local` in `zone`, itself still on time.
    init(at local: LocalDateTime, zone: TimeZone) {
        text =
            ISOTime.pad(local.year, 4) + "-" + ISOTime.pad(local.month, 2) + "-" + ISOTime.pad(local.day, 2) + "T"
            + ISOTime.pad(local.hour, 2) + ":" + ISOTime.pad(local.minute, 2) + ":" + ISOTime.pad(local.second, 2)
        boundary = local.instant(in: zone)
        shown = boundary
        isDate = false
    }
}

/// Why a plan cannot be read for a period.
public enum PeriodRefusal: Error, Sendable, Equatable {
    /// The plan has one deadline (`"deadline"`), no `"recurrence"`.
    case notRecurring
    /// The period is before the plan's first or after its last.
    case outside(first: Period, last: Period?)
}

extension Plan {
    /// The plan as it applies to the round of `period`: its ``deadline`` that period's,
    /// ``period`` set. What `init --period` opens and every command of that round reads.
    ///
    /// - Throws: ``PeriodRefusal`` for a plan without ``recurrence``, or a period outside
    ///   its first and last.
    public func forPeriod(_ period: Period) throws(PeriodRefusal) -> Plan {
        guard let recurrence else { throw .notRecurring }
        guard recurrence.contains(period) else { throw .outside(first: recurrence.first, last: recurrence.last) }
        var plan = self
        plan.deadline = recurrence.deadline(for: period, zone: timeZone)
        plan.period = period
        return plan
    }
}
