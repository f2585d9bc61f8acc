import BudgetCore
import Foundation
import Testing

@testable import BudgetStore

@Suite("Stored times")
struct InstantTextTests {
    @Test(
        "instants print as fixed-width UTC with milliseconds",
        arguments: [
            ("2020-03-09T10:00:00+07:00", "2020-03-09T03:00:00.000Z"),
            ("2020-03-10T23:59:59.999+07:00", "2020-03-10T16:59:59.999Z"),
            ("2020-02-29T00:00:00.001Z", "2020-02-29T00:00:00.001Z"),
            ("1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000Z"),
            ("1969-12-31T23:59:59.500Z", "1969-12-31T23:59:59.500Z"),
            ("2000-12-31T23:59:59.999-05:30", "2001-01-01T05:29:59.999Z"),
            ("9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"),
        ])
    func format(_ input: String, _ expected: String) throws {
        let instant = try #require(ISOTime.parse(input)).instant(defaultZone: TimeZone(secondsFromGMT: 0) ?? .current)
        #expect(InstantText.format(instant) == expected)
        #expect(InstantText.parse(expected) == instant)
    }

    @Test("every millisecond over a range of days and eras reads back as the same Date")
    func roundTrip() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let millis = Int64.random(in: InstantText.representable, using: &generator)
            let date = InstantText.date(milliseconds: millis)
            #expect(InstantText.milliseconds(date) == millis)
            let text = InstantText.format(milliseconds: millis)
            #expect(InstantText.parseMilliseconds(text) == millis, "\(text)")
        }
    }

    @Test("the first and last storable instants print with four-digit years")
    func extremes() {
        #expect(InstantText.format(milliseconds: InstantText.representable.lowerBound) == "0001-01-01T00:00:00.000Z")
        #expect(InstantText.format(milliseconds: InstantText.representable.upperBound) == "9999-12-31T23:59:59.999Z")
    }

    @Test("truncation is monotonic: an instant a fraction of a microsecond before a millisecond stays before it")
    func truncationIsMonotonic() {
        let boundary = InstantText.date(milliseconds: 1_583_859_600_000)
        var instant = boundary
        for _ in 0..<50 {
            instant = Date(timeIntervalSinceReferenceDate: instant.timeIntervalSinceReferenceDate.nextDown)
            #expect(InstantText.milliseconds(instant) == 1_583_859_599_999)
        }
        #expect(InstantText.milliseconds(boundary) == 1_583_859_600_000)
        #expect(InstantText.milliseconds(boundary.addingTimeInterval(0.0009999)) == 1_583_859_600_000)
    }

    @Test("text order is time order")
    func sortable() {
        let samples: [Int64] = [-62_135_596_800_000, -1, 0, 1, 999, 1_000, 1_583_859_599_999, 253_402_300_799_999]
        let texts = samples.map(InstantText.format(milliseconds:))
        #expect(texts == texts.sorted())
        #expect(Set(texts.map(\.utf8.count)) == [24])
    }

    @Test(
        "anything but the stored form is refused when reading",
        arguments: [
            "2020-03-09T03:00:00Z", "2020-03-09T03:00:00.000+00:00", "2020-02-30T00:00:00.000Z",
            "2020-03-09 03:00:00.000Z", "2020-13-01T00:00:00.000Z", "2020-03-09T24:00:00.000Z", "",
            "0000-01-01T00:00:00.000Z",
        ])
    func strictParse(_ text: String) {
        #expect(InstantText.parse(text) == nil)
    }

    @Test("instants outside years 1–9999 cannot be stored")
    func outOfRange() {
        #expect(InstantText.format(Date.distantPast) == nil)
        #expect(InstantText.format(Date(timeIntervalSince1970: 1e15)) == nil)
        #expect(InstantText.format(Date(timeIntervalSinceReferenceDate: .nan)) == nil)
        #expect(InstantText.format(Date.distantFuture) != nil)  // year 4001
    }
}

@Suite("Store errors")
struct StoreErrorTests {
    static let path = "/srv/dot-1/round.sqlite"

    static let samples: [StoreError] = [
        .noRound(directory: "/srv/dot-1", file: "round.sqlite"),
        .notADirectory(path, .open),
        .foreignDatabase(path, applicationID: 0),
        .alreadyExists(directory: "/srv/dot-1", file: "round.sqlite"),
        .tooNew(path, found: 7),
        .damaged(path, .read, what: "x"),
        .permissionDenied(path, .record(fileName: "a.csv"), detail: "d"),
        .diskFull(path, .record(fileName: "a.csv"), detail: "d"),
        .busy(path, .record(fileName: "a.csv"), detail: "d"),
        .ioError(path, .create, detail: "d"),
        .constraintViolation(path, .record(fileName: "a.csv"), detail: "d"),
        .invalidInput(.record(fileName: "a.csv"), "sha256 mismatch"),
    ]

    @Test("every error says in both languages where, and the Vietnamese has its diacritics")
    func messages() {
        for error in StoreErrorTests.samples {
            #expect(!error.message.vi.isEmpty && !error.message.en.isEmpty)
            #expect(error.message.vi != error.message.en)
            let mentionsPlace = error.message.en.contains("/srv/dot-1") || error.message.en.contains("a.csv")
            #expect(mentionsPlace, "\(error.kind): \(error.message.en)")
            #expect(error.message.vi.unicodeScalars.contains { $0.value > 0x7f }, "\(error.kind)")
            #expect(error.message.vi.hasSuffix(".") || error.message.vi.hasSuffix("”"), "\(error.message.vi)")
        }
        #expect(Set(StoreErrorTests.samples.map(\.kind)) == Set(StoreError.Kind.allCases))
    }

    @Test("a failed record says the file was not recorded; a failed open says nothing changed")
    func outcomes() {
        let record = StoreError.diskFull(StoreErrorTests.path, .record(fileName: "a.csv"), detail: "")
        #expect(record.message.en.contains("was not recorded"))
        #expect(record.message.vi.contains("chưa được ghi nhận"))
        let open = StoreError.ioError(StoreErrorTests.path, .open, detail: "")
        #expect(open.message.en.contains("Nothing was changed"))
        #expect(record.text(.en) == record.message.en)
        #expect(open.description.hasPrefix("io: "))
    }
}
