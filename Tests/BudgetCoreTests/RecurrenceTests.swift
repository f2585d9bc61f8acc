import Foundation
import Testing

@testable import BudgetCore

/// Recurring deadlines (`"recurrence"`), the periods they cut a plan into, and how the
/// plan member is read.
@Suite("Recurring deadlines and periods")
struct RecurrenceTests {
    static let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    static func instant(_ text: String) -> Date {
        ISOTime.parse(text)!.instant(defaultZone: zone)
    }

    static func period(_ text: String) throws -> Period {
        try #require(Period(text))
    }

    /// A plan that recurs as `recurrence` (JSON) says, from PlanLoaderTests' good plan.
    static func planText(recurrence: String, deadline: Bool = false) -> String {
        PlanLoaderTests.good.replacingOccurrences(
            of: "\"deadline\": \"2020-03-10\",",
            with: (deadline ? "\"deadline\": \"2020-03-10\", " : "") + "\"recurrence\": \(recurrence),")
    }

    static func problems(_ text: String) -> [PlanProblem] {
        do {
            _ = try PlanLoader.load(Array(text.utf8))
            return []
        } catch {
            return error.problems
        }
    }

    // MARK: periods

    @Test("a period is written YYYY-MM exactly", arguments: [("2020-02", 2020, 2), ("1999-12", 1999, 12)])
    func reads(text: String, year: Int, month: Int) throws {
        let period = try Self.period(text)
        #expect(period.year == year && period.month == month)
        #expect(period.text == text)
    }

    @Test(
        "anything else is not a period",
        arguments: [
            "2020-2", "02/2020", "2020-13", "2020-00", "2020-02-20", "2020/02", "202-002", "", " 2020-02", "0000-01",
        ])
    func malformed(text: String) {
        #expect(Period(text) == nil)
    }

    @Test("a period is named as Vietnamese papers and English messages name a month")
    func labels() throws {
        let february = try Self.period("2020-02")
        #expect(february.vietnamese == "tháng 02/2020")
        #expect(february.english == "February 2020")
        #expect(february.label(.vi) == "tháng 02/2020")
        #expect(try Self.period("2020-12").next == Self.period("2021-01"))
        #expect(try Self.period("2020-02") < Self.period("2020-03"))
    }

    // MARK: deadlines

    @Test(
        "each period's deadline falls on the day, or on the last day of a shorter month",
        arguments: [
            (20, "2020-02", "2020-02-20T23:59:59+07:00"),
            (31, "2020-02", "2020-02-29T23:59:59+07:00"),
            (29, "2021-02", "2021-02-28T23:59:59+07:00"),
            (31, "2020-04", "2020-04-30T23:59:59+07:00"),
            (31, "2020-12", "2020-12-31T23:59:59+07:00"),
            (1, "2020-03", "2020-03-01T23:59:59+07:00"),
        ])
    func dueDay(day: Int, period: String, shown: String) throws {
        let recurrence = Recurrence(day: day, first: try Self.period("2020-01"))
        let deadline = recurrence.deadline(for: try Self.period(period), zone: Self.zone)
        #expect(ISOTime.format(deadline.shown, in: Self.zone) == shown)
        #expect(deadline.isDate)
    }

    @Test("without a time the whole due day counts; with one, that second is the last on time")
    func boundaries() throws {
        let february = try Self.period("2020-02")
        let wholeDay = Recurrence(day: 20, first: february).deadline(for: february, zone: Self.zone)
        #expect(wholeDay.isOnTime(Self.instant("2020-02-20T23:59:59")))
        #expect(!wholeDay.isOnTime(Self.instant("2020-02-21T00:00:00")))
        let time = try #require(TimeOfDay("17:00"))
        let afternoon = Recurrence(day: 20, time: time, first: february).deadline(for: february, zone: Self.zone)
        #expect(afternoon.isOnTime(Self.instant("2020-02-20T17:00:00")))
        #expect(!afternoon.isOnTime(Self.instant("2020-02-20T17:00:01")))
        #expect(ISOTime.format(afternoon.shown, in: Self.zone) == "2020-02-20T17:00:00+07:00")
    }

    @Test("a time of day is HH:MM or HH:MM:SS", arguments: ["17:00", "00:00", "23:59:59"])
    func times(text: String) {
        #expect(TimeOfDay(text) != nil)
    }

    @Test("anything else is not a time of day", arguments: ["24:00", "17:60", "5:00", "17h00", "17:00:60", ""])
    func badTimes(text: String) {
        #expect(TimeOfDay(text) == nil)
    }

    @Test("the period open by the clock: this month until its deadline, then the next; never before the first")
    func openPeriod() throws {
        let recurrence = Recurrence(day: 20, first: try Self.period("2020-01"), last: try Self.period("2020-06"))
        let open = { (text: String) in recurrence.openPeriod(at: Self.instant(text), zone: Self.zone)?.text }
        #expect(open("2020-02-10T09:00:00") == "2020-02")
        #expect(open("2020-02-20T23:59:59") == "2020-02")
        #expect(open("2020-02-21T00:00:00") == "2020-03")
        #expect(open("2019-11-02T09:00:00") == "2020-01")
        #expect(open("2020-06-21T09:00:00") == nil, "after the last period's deadline nothing is open")
    }

    @Test("a plan read for a period takes that period's deadline; a period outside the plan is refused")
    func forPeriod() throws {
        let plan = try PlanLoader.load(
            Array(
                Self.planText(recurrence: #"{"every": "month", "day": 20, "first": "2020-01", "last": "2020-12"}"#).utf8
            ))
        #expect(plan.period == nil)
        #expect(ISOTime.format(plan.deadline.shown, in: Self.zone) == "2020-01-20T23:59:59+07:00")
        let march = try plan.forPeriod(Self.period("2020-03"))
        #expect(march.period == (try Self.period("2020-03")))
        #expect(ISOTime.format(march.deadline.shown, in: Self.zone) == "2020-03-20T23:59:59+07:00")
        let (first, last, after) = (try Self.period("2020-01"), try Self.period("2020-12"), try Self.period("2021-01"))
        #expect(throws: PeriodRefusal.outside(first: first, last: last)) { try plan.forPeriod(after) }
        let oneDeadline = try PlanLoader.load(Array(PlanLoaderTests.good.utf8))
        #expect(oneDeadline.recurrence == nil)
        #expect(throws: PeriodRefusal.notRecurring) { try oneDeadline.forPeriod(first) }
    }

    // MARK: the plan member

    @Test("\"recurrence\" with every member loads")
    func loads() throws {
        let plan = try PlanLoader.load(
            Array(
                Self.planText(
                    recurrence:
                        #"{"every": "month", "day": 31, "time": "17:00", "first": "2020-01", "last": "2020-06"}"#
                ).utf8))
        let recurrence = try #require(plan.recurrence)
        #expect(recurrence.every == .month)
        #expect(recurrence.day == 31)
        #expect(recurrence.time == TimeOfDay("17:00"))
        #expect(recurrence.first == (try Self.period("2020-01")))
        #expect(recurrence.last == (try Self.period("2020-06")))
    }

    @Test(
        "a bad \"recurrence\" is refused with the field named",
        arguments: [
            (#"{"every": "week", "day": 20, "first": "2020-01"}"#, "recurrence.every"),
            (#"{"every": "month", "day": 0, "first": "2020-01"}"#, "recurrence.day"),
            (#"{"every": "month", "day": 32, "first": "2020-01"}"#, "recurrence.day"),
            (#"{"every": "month", "day": "20", "first": "2020-01"}"#, "recurrence.day"),
            (#"{"every": "month", "day": 20.5, "first": "2020-01"}"#, "recurrence.day"),
            (#"{"every": "month", "first": "2020-01"}"#, "recurrence.day"),
            (#"{"every": "month", "day": 20, "time": "25:00", "first": "2020-01"}"#, "recurrence.time"),
            (#"{"every": "month", "day": 20}"#, "recurrence.first"),
            (#"{"every": "month", "day": 20, "first": "2020-1"}"#, "recurrence.first"),
            (#"{"every": "month", "day": 20, "first": "2020-05", "last": "2020-04"}"#, "recurrence.last"),
            (#"{"every": "month", "dya": 20, "first": "2020-01"}"#, "recurrence.dya"),
            (#""monthly""#, "recurrence"),
        ])
    func refused(recurrence: String, field: String) {
        let found = Self.problems(Self.planText(recurrence: recurrence))
        #expect(found.contains { $0.field == field }, "\(found)")
    }

    @Test("a plan has \"deadline\" or \"recurrence\": both, or neither, is refused naming \"deadline\"")
    func deadlineOrRecurrence() {
        let both = Self.problems(
            Self.planText(recurrence: #"{"every": "month", "day": 20, "first": "2020-01"}"#, deadline: true))
        #expect(both.map(\.field) == ["deadline"])
        #expect(both.first?.message.en.contains("remove \"deadline\"") == true)
        let neither = Self.problems(
            PlanLoaderTests.good.replacingOccurrences(of: "\"deadline\": \"2020-03-10\",", with: ""))
        #expect(neither.map(\.field) == ["deadline"])
        #expect(neither.first?.message.vi.contains("«recurrence»") == true)
    }

    // MARK: percentages

    @Test(
        "a change as a percentage, in tenths, exact and rounded half away from zero",
        arguments: [
            (15_000_000, 30_000_000, 500 as Int64?), (5_000_000, 60_000_000, 83), (-30_000_000, 30_000_000, -1000),
            (1, 8, 125), (1, 16, 63), (-1, 16, -63), (1, 3, 333), (2, 3, 667), (-2, 3, -667), (0, 5, 0),
            (7, 0, nil), (7, -5, nil), (Int64.max, Int64.max, 1000), (-Int64.max, Int64.max, -1000),
            (Int64.max / 1000, 1, Int64.max / 1000 * 1000), (Int64.max / 1000 + 1, 1, nil), (Int64.max, 1, nil),
            (Int64.min, 1, nil), (Int64.max, 2, nil), (1, Int64.max, 0), (Int64.max / 2000 + 1, Int64.max, 1),
        ] as [(Int64, Int64, Int64?)])
    func percent(change: Int64, base: Int64, tenths: Int64?) {
        #expect(PercentChange.tenths(change: change, base: base) == tenths)
    }
}
