import Foundation
import Testing

/// One minimal file per finding code (Tests/EndToEndTests/Reproducers/CODE.csv), checked
/// through the binary: each yields its own code and no other warning or error.
@Suite("A reproducer for every finding code")
struct FindingReproducersTests {
    static let directory = Binary.path("Tests/EndToEndTests/Reproducers")
    static let codes: [String] = [
        "unreadable-encoding", "legacy-encoding", "malformed-csv", "no-header", "missing-column",
        "duplicate-column", "ragged-row", "missing-agency", "unknown-agency", "agency-conflict",
        "unknown-item", "item-not-assigned", "invalid-number", "ambiguous-number", "fractional-amount",
        "negative-amount", "missing-amount", "amount-mismatch", "total-mismatch", "words-mismatch",
        "duplicate-line", "cap-exceeded", "empty-submission", "limit-exceeded",
    ]

    @Test("every code of the contract has a reproducer file")
    func complete() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory).filter { $0.hasSuffix(".csv") }
        #expect(Set(files.map { String($0.dropLast(4)) }) == Set(Self.codes))
    }

    @Test("the reproducer yields its code and nothing else of its weight", arguments: codes)
    func reproduces(code: String) throws {
        var arguments = [
            "check", Self.directory + "/\(code).csv", "--plan", Binary.path("Templates/plans/kon-tum-2020.json"),
            "--format", "json",
        ]
        if code == "limit-exceeded" { arguments += ["--max-field-size", "64"] }
        let r = try Binary.run(arguments)
        let array = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]
        let findings = (array?.first?["findings"] as? [[String: Any]]) ?? []
        let serious = Set(findings.filter { $0["severity"] as? String != "info" }.compactMap { $0["code"] as? String })
        #expect(serious == [code], "\(findings)")
        let warnings: Set<String> = ["ragged-row", "words-mismatch", "duplicate-line", "cap-exceeded"]
        #expect(r.status == (warnings.contains(code) ? 0 : 1))
        for finding in findings {
            #expect((finding["message"] as? String)?.isEmpty == false)
        }
    }
}
