import Foundation

/// A calendar date and wall-clock time without a zone, as people write them.
public struct LocalDateTime: Hashable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Nanoseconds within the second.
    public var nanosecond: Int

    public init(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        nanosecond: Int = 0
    ) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
    }

    /// Whether the fields name a real date and time (no 30 February, no 24:00).
    public var isValid: Bool {
        guard (1...9999).contains(year), (1...12).contains(month), (0...23).contains(hour),
            (0...59).contains(minute), (0...59).contains(second),
            (0..<1_000_000_000).contains(nanosecond)
        else { return false }
        return (1...LocalDateTime.daysIn(month: month, year: year)).contains(day)
    }

    /// The same time of day on the next calendar day (month and year carried over): the
    /// instant a date-only deadline ends at, midnight after its day.
    var nextDay: LocalDateTime {
        var next = self
        next.day += 1
        if next.day > Self.daysIn(month: next.month, year: next.year) {
            next.day = 1
            next.month += 1
            if next.month > 12 {
                next.month = 1
                next.year += 1
            }
        }
        return next
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The instant this wall-clock time names in `zone`.
    public func instant(in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        let whole = calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
        return whole.addingTimeInterval(Double(nanosecond) / 1e9)
    }

    /// The wall-clock time of `instant` in `zone`.
    public init(_ instant: Date, in zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second, .nanosecond], from: instant)
        self.init(
            year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1, hour: c.hour ?? 0,
            minute: c.minute ?? 0, second: c.second ?? 0, nanosecond: c.nanosecond ?? 0)
    }
}

/// ISO 8601 times as the contract writes them, parsed and printed without
/// `ISO8601DateFormatter` (whose behaviour differs between platforms).
///
/// Accepted: `2020-03-10`, `2020-03-10T09:30`, `2020-03-10T09:30:15`,
/// `2020-03-10T09:30:15.250`, each optionally followed by `Z` or `±HH:MM` (or `±HHMM`,
/// `±HH`); a space may stand for the `T`. Without an offset the time is in the plan's zone.
public enum ISOTime {
    /// A parsed ISO 8601 text: the wall-clock fields and the offset if one was written.
    public struct Parsed: Hashable, Sendable {
        public var local: LocalDateTime
        /// Seconds east of UTC, or `nil` when the text has no offset.
        public var offsetSeconds: Int?
        /// Whether the text was a date alone.
        public var isDateOnly: Bool

        /// The instant, with `zone` standing in for a missing offset.
        public func instant(defaultZone zone: TimeZone) -> Date {
            guard let offsetSeconds else { return local.instant(in: zone) }
            let utc = TimeZone(secondsFromGMT: 0) ?? zone
            return local.instant(in: utc).addingTimeInterval(Double(-offsetSeconds))
        }
    }

    /// Parses `text`, or returns `nil` if it is not one of the accepted forms.
    public static func parse(_ text: String) -> Parsed? {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var value = 0
            for k in 0..<count {
                let d = Int(b[i + k]) - 48
                guard (0...9).contains(d) else { return nil }
                value = value * 10 + d
            }
            i += count
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(UInt8(ascii: "-")), let month = digits(2),
            expect(UInt8(ascii: "-")), let day = digits(2)
        else { return nil }
        var local = LocalDateTime(year: year, month: month, day: day)
        if i == b.count {
            return local.isValid ? Parsed(local: local, offsetSeconds: nil, isDateOnly: true) : nil
        }
        guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " ")
        else { return nil }
        i += 1
        guard let hour = digits(2), expect(UInt8(ascii: ":")), let minute = digits(2) else {
            return nil
        }
        local.hour = hour
        local.minute = minute
        if expect(UInt8(ascii: ":")) {
            guard let second = digits(2) else { return nil }
            local.second = second
            if expect(UInt8(ascii: ".")) || expect(UInt8(ascii: ",")) {
                var nanos = 0
                var count = 0
                while i < b.count, (48...57).contains(b[i]) {
                    if count < 9 { nanos = nanos * 10 + Int(b[i] - 48) }
                    count += 1
                    i += 1
                }
                guard count > 0 else { return nil }
                for _ in count..<max(count, 9) { nanos *= 10 }
                local.nanosecond = nanos
            }
        }
        var offset: Int? = nil
        if i < b.count {
            if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                offset = 0
                i += 1
            } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let oh = digits(2), oh <= 23 else { return nil }
                var om = 0
                if expect(UInt8(ascii: ":")) {
                    guard let m = digits(2) else { return nil }
                    om = m
                } else if i < b.count {
                    guard let m = digits(2) else { return nil }
                    om = m
                }
                guard om <= 59 else { return nil }
                offset = sign * (oh * 3600 + om * 60)
            } else {
                return nil
            }
        }
        guard i == b.count, local.isValid else { return nil }
        return Parsed(local: local, offsetSeconds: offset, isDateOnly: false)
    }

    /// `instant` as `2020-03-09T10:00:00+07:00` in `zone` (fractions of a second are
    /// printed only when present, to the millisecond).
    public static func format(_ instant: Date, in zone: TimeZone) -> String {
        let local = LocalDateTime(instant, in: zone)
        var text =
            pad(local.year, 4) + "-" + pad(local.month, 2) + "-" + pad(local.day, 2) + "T"
            + pad(local.hour, 2) + ":" + pad(local.minute, 2) + ":" + pad(local.second, 2)
        let millis = local.nanosecond / 1_000_000
        if millis > 0 { text += "." + pad(millis, 3) }
        return text + offsetText(zone.secondsFromGMT(for: instant))
    }

    /// `+07:00` for 25 200 seconds.
    public static func offsetText(_ seconds: Int) -> String {
        if seconds == 0 { return "+00:00" }
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        return sign + pad(magnitude / 3600, 2) + ":" + pad(magnitude % 3600 / 60, 2)
    }

    /// `instant` as people read it in messages: "23:59:59 ngày 10/03/2020" (vi) or
    /// "10/03/2020 23:59:59" (en), in `zone`.
    public static func human(_ instant: Date, in zone: TimeZone, _ language: Language) -> String {
        let l = LocalDateTime(instant, in: zone)
        let time = pad(l.hour, 2) + ":" + pad(l.minute, 2) + ":" + pad(l.second, 2)
        let date = pad(l.day, 2) + "/" + pad(l.month, 2) + "/" + pad(l.year, 4)
        return language == .vi ? time + " ngày " + date : date + " " + time
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
