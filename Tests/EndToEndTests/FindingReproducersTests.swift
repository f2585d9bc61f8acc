import BudgetCore
import Foundation
import Testing

/// One minimal file per finding code of the catalogue (Tests/EndToEndTests/Reproducers/
/// CODE.csv, or CODE.xlsx for a workbook's own finding), checked through the binary: each
/// yields its own code and no other warning or error.
@Suite("A reproducer for every finding code")
struct FindingReproducersTests {
    static let directory = Binary.path("Tests/EndToEndTests/Reproducers")
    /// Every code the catalogue has, except those about a round rather than a file.
    static let codes: [String] = FindingCatalogue.entries.map(\.code.rawValue)
    static let severities: [String: String] = Dictionary(
        uniqueKeysWithValues: FindingCatalogue.entries.map { ($0.code.rawValue, $0.severity.rawValue) })

    /// The reproducer of `code`: its CSV, or its workbook.
    static func file(_ code: String) -> String {
        let workbook = directory + "/\(code).xlsx"
        return FileManager.default.fileExists(atPath: workbook) ? workbook : directory + "/\(code).csv"
    }

    @Test("every code of the catalogue has a reproducer file, and every file a code")
    func complete() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory)
            .filter { $0.hasSuffix(".csv") || $0.hasSuffix(".xlsx") }
        let stems = files.map { ($0 as NSString).deletingPathExtension }
        #expect(Set(stems) == Set(Self.codes))
        #expect(stems.count == Set(stems).count, "one file a code")
    }

    @Test("the reproducer yields its code and nothing else of its weight", arguments: codes)
    func reproduces(code: String) throws {
        var arguments = [
            "check", Self.file(code), "--plan", Binary.path("Templates/plans/kon-tum-2020.json"), "--format", "json",
        ]
        if code == "limit-exceeded" { arguments += ["--max-field-size", "64"] }
        let r = try Binary.run(arguments)
        let array = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]
        let findings = (array?.first?["findings"] as? [[String: Any]]) ?? []
        let serious = Set(findings.filter { $0["severity"] as? String != "info" }.compactMap { $0["code"] as? String })
        let severity = Self.severities[code]
        #expect(serious == (severity == "info" ? [] : [code]), "\(findings)")
        #expect(findings.contains { $0["code"] as? String == code }, "\(findings)")
        #expect(r.status == (severity == "error" ? 1 : 0))
        for finding in findings {
            #expect((finding["message"] as? String)?.isEmpty == false)
        }
    }
}
