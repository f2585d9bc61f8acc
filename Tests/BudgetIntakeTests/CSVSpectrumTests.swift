import Foundation
import Testing

@testable import BudgetIntake

@Suite("csv-spectrum edge cases")
struct CSVSpectrumTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/csv-spectrum")

    static let names = [
        "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "location_coordinates", "newlines",
        "newlines_crlf", "quotes_and_newlines", "simple", "simple_crlf", "utf8",
    ]

    @Test("each case scans to its expected records", arguments: names)
    func spectrum(name: String) throws {
        let csv = try Data(contentsOf: Self.directory.appendingPathComponent("csvs/\(name).csv"))
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.directory.appendingPathComponent("json/\(name).json")))
        let objects = (json as? [[String: String]]) ?? [(json as? [String: String]) ?? [:]]
        let result = scanRecords(String(decoding: csv, as: UTF8.self))
        let header = try #require(result.records.first)
        let rows = Array(result.records.dropFirst())
        #expect(rows.count == objects.count)
        for (row, object) in zip(rows, objects) {
            for (index, key) in header.enumerated() {
                if name == "location_coordinates" && key == "Contact Phone Number" { continue }  // upstream mistake
                #expect(row[index] == object[key], "\(name): \(key)")
            }
        }
        if name == "location_coordinates" {
            #expect(result.issues.map(\.kind) == [.quoteInUnquotedField])
        } else {
            #expect(result.issues.isEmpty)
        }
    }
}
