import Foundation
import HTTPServer
import Testing

/// Replays the fuzz corpora — the seeds and every crash, hang or OOM reproducer that
/// .ci/fuzz-http copied to Fixtures/crashes — through the fuzz targets' own harnesses, so
/// that `swift test` fails on any of them exactly as the fuzzer did.
@Suite("HTTP fuzz regressions")
struct HTTPFuzzRegressionTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func names(_ folder: String) -> [String] {
        let directory = fixtures.appendingPathComponent(folder).path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    static func bytes(_ folder: String, _ name: String) -> [UInt8]? {
        FileManager.default.contents(atPath: fixtures.appendingPathComponent(folder).appendingPathComponent(name).path)
            .map { [UInt8]($0) }
    }

    @Test("the seed corpora are there")
    func seeds() {
        #expect(Self.names("seeds-request").count >= 20)
        #expect(Self.names("seeds-multipart").count >= 20)
    }

    @Test("every request seed keeps the head parser's invariants", arguments: names("seeds-request"))
    func requestSeed(_ name: String) throws {
        let input = try #require(Self.bytes("seeds-request", name))
        let problems = HTTPRequestFuzzHarness.violations(input)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("every multipart seed keeps the multipart parser's invariants", arguments: names("seeds-multipart"))
    func multipartSeed(_ name: String) throws {
        let input = try #require(Self.bytes("seeds-multipart", name))
        let problems = MultipartFuzzHarness.violations(input)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("every crash, hang and OOM the fuzzers found stays fixed", arguments: names("crashes"))
    func crash(_ name: String) throws {
        let input = try #require(Self.bytes("crashes", name))
        var problems: [String] = []
        let elapsed = ContinuousClock().measure {
            problems =
                name.hasPrefix("multipart-")
                ? MultipartFuzzHarness.violations(input) : HTTPRequestFuzzHarness.violations(input)
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(elapsed < .seconds(5), "took \(elapsed)")
    }
}
