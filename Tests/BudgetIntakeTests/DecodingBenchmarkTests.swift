import Foundation
import Testing

@testable import BudgetIntake

/// Throughput of the decoders, measured only on request (no timed unit tests):
///
///     BUDGET_BENCHMARK=1 swift test -c release --filter DecodingBenchmark
///
/// Each measurement also checks the result, so the test is meaningful in debug builds too.
@Suite("Decoding: benchmark", .enabled(if: ProcessInfo.processInfo.environment["BUDGET_BENCHMARK"] != nil))
struct DecodingBenchmarkTests {
    /// ~64 MiB of estimate lines, mostly ASCII as real files are.
    static func corpus(_ encode: (String) -> [UInt8]) -> [UInt8] {
        let unit = encode(DecodingCorpus.estimate + "\r\n")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 << 20)
        while bytes.count < 64 << 20 { bytes += unit }
        return bytes
    }

    static func report(_ name: String, bytes: Int, _ body: () -> Bool) {
        var best = Duration.seconds(1000)
        var ok = true
        for _ in 0..<5 {
            let elapsed = ContinuousClock().measure { ok = body() && ok }
            best = min(best, elapsed)
        }
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
        print(
            "benchmark \(name): \(bytes >> 20) MiB in \(String(format: "%.1f", seconds * 1000)) ms = \(String(format: "%.0f", Double(bytes) / seconds / 1e6)) MB/s"
        )
        #expect(ok, "\(name) gave a wrong result")
    }

    @Test("the UTF-8 validator on mostly-ASCII text")
    func validator() {
        let bytes = Self.corpus { Array($0.utf8) }
        Self.report("UTF8Validator (estimate CSV)", bytes: bytes.count) {
            bytes.withUnsafeBufferPointer { buffer in
                var validator = UTF8Validator()
                var offset = 0
                while offset < buffer.count {
                    let end = min(buffer.count, offset + 1 << 20)
                    if validator.validate(
                        UnsafeBufferPointer(rebasing: buffer[offset..<end]), isFinal: end == buffer.count)
                        != nil
                    {
                        return false
                    }
                    offset = end
                }
                return true
            }
        }
        // Estimate lines with short descriptions: mostly digits and separators.
        var lines: [UInt8] = []
        var number = 0
        while lines.count < 64 << 20 {
            number += 1
            lines += Array(
                "\(number),IV.\(number % 9).a,Pa nô cổ động,bộ,\(number % 50),15.000.000,\(number % 50 * 15).000.000,\r\n"
                    .utf8)
        }
        Self.report("UTF8Validator (short descriptions, mostly ASCII)", bytes: lines.count) {
            lines.withUnsafeBufferPointer {
                var validator = UTF8Validator()
                return validator.validate($0, isFinal: true) == nil
            }
        }
        let ascii = [UInt8](repeating: UInt8(ascii: "7"), count: 64 << 20)
        Self.report("UTF8Validator (pure ASCII, no line breaks)", bytes: ascii.count) {
            ascii.withUnsafeBufferPointer {
                var validator = UTF8Validator()
                return validator.validate($0, isFinal: true) == nil
            }
        }
    }

    @Test("the transcoders")
    func transcoders() {
        let cases: [(String, SourceEncoding, [UInt8])] = [
            ("Transcoder utf-8", .utf8, Self.corpus { Array($0.utf8) }),
            ("Transcoder windows-1258", .windows1258, Self.corpus(DecodingEncoders.windows1258)),
            (
                "Transcoder utf-16le", .utf16LE,
                Self.corpus { DecodingEncoders.utf16($0, bigEndian: false, bom: false) }
            ),
            ("Transcoder tcvn3", .tcvn3, Self.corpus(DecodingEncoders.tcvn3)),
        ]
        for (name, encoding, bytes) in cases {
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count * 2)
            Self.report(name, bytes: bytes.count) {
                output.removeAll(keepingCapacity: true)
                return bytes.withUnsafeBufferPointer { buffer in
                    var transcoder = Transcoder(encoding)
                    var offset = 0
                    while offset < buffer.count {
                        let end = min(buffer.count, offset + 1 << 20)
                        if transcoder.transcode(
                            UnsafeBufferPointer(rebasing: buffer[offset..<end]), isFinal: end == buffer.count,
                            into: &output) != nil
                        {
                            return false
                        }
                        offset = end
                    }
                    return !output.isEmpty
                }
            }
        }
    }

    @Test("detection on a 1 MiB prefix")
    func detection() {
        for (name, bytes) in [
            ("UTF-8", Self.corpus { Array($0.utf8) }),
            ("Windows-1258", Self.corpus(DecodingEncoders.windows1258)),
        ] {
            let prefix = Array(bytes.prefix(1 << 20))
            Self.report("detect (\(name), 1 MiB)", bytes: prefix.count) {
                DecodingHarness.detect(bytes, prefix: prefix.count).encoding != nil
            }
        }
    }
}
