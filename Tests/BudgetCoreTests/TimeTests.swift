import Foundation
import Testing

@testable import BudgetCore

@Suite("Times and deadlines")
struct TimeTests {
    let hcm = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    @Test(
        "ISO 8601 forms parse; malformed ones do not",
        arguments: [
            ("2020-03-10", true), ("2020-03-10T09:30", true), ("2020-03-10T09:30:15+07:00", true),
            ("2020-03-10 09:30:15Z", true), ("2020-03-10T09:30:15.250-0500", true),
            ("2020-02-30", false), ("2020-3-10", false), ("2020-03-10T24:00", false),
            ("2020-03-10T09:30:15+07:00junk", false), ("", false), ("10/03/2020", false),
        ])
    func parse(text: String, valid: Bool) {
        #expect((ISOTime.parse(text) != nil) == valid)
    }

    @Test("a time without an offset is in the plan's zone; printing uses that zone's offset")
    func roundTrip() throws {
        let parsed = try #require(ISOTime.parse("2020-03-09T10:00:00"))
        let instant = parsed.instant(defaultZone: hcm)
        #expect(ISOTime.format(instant, in: hcm) == "2020-03-09T10:00:00+07:00")
        let utc = try #require(ISOTime.parse("2020-03-09T03:00:00Z")).instant(defaultZone: hcm)
        #expect(utc == instant)
        #expect(ISOTime.human(instant, in: hcm, .vi) == "10:00:00 ngày 09/03/2020")
    }

    @Test("a date deadline is on time at 23:59:59 and late at 00:00:00 the next day")
    func dateDeadline() throws {
        let deadline = try #require(Deadline("2020-03-10", zone: hcm))
        let lastSecond = try #require(ISOTime.parse("2020-03-10T23:59:59+07:00")).instant(defaultZone: hcm)
        let midnight = try #require(ISOTime.parse("2020-03-11T00:00:00+07:00")).instant(defaultZone: hcm)
        #expect(deadline.isOnTime(lastSecond))
        #expect(deadline.isOnTime(lastSecond.addingTimeInterval(0.999)))
        #expect(!deadline.isOnTime(midnight))
        #expect(ISOTime.format(deadline.shown, in: hcm) == "2020-03-10T23:59:59+07:00")
    }

    @Test("a deadline on the last day of a year rolls over correctly")
    func yearEnd() throws {
        let deadline = try #require(Deadline("2020-12-31", zone: hcm))
        #expect(ISOTime.format(deadline.boundary, in: hcm) == "2021-01-01T00:00:00+07:00")
    }

    @Test("a timestamp deadline is on time at the instant itself")
    func timestampDeadline() throws {
        let deadline = try #require(Deadline("2020-03-10T17:00:00+07:00", zone: hcm))
        #expect(deadline.isOnTime(deadline.boundary))
        #expect(!deadline.isOnTime(deadline.boundary.addingTimeInterval(0.001)))
    }
}
