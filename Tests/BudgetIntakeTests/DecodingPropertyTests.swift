import BudgetTestSupport
import Testing

@testable import BudgetIntake

@Suite("Decoding: properties on random bytes")
struct DecodingPropertyTests {
    /// Bytes that exercise every path: ASCII, line ends, controls, UTF-8 leads and
    /// continuations, surrogate halves, unassigned Windows-1258 bytes, BOM bytes.
    static let alphabet: [UInt8] = [
        0x41, 0x61, 0x20, 0x2C, 0x0A, 0x0D, 0x09, 0x00, 0x01, 0x80, 0x81, 0x8D, 0xA0, 0xA8, 0xB8, 0xBB, 0xBF,
        0xC3, 0xC4, 0xCC, 0xD8, 0xDC, 0xE1, 0xEC, 0xED, 0xEF, 0xF0, 0xF4, 0xF8, 0xFE, 0xFF,
    ]

    static func randomBytes(_ generator: inout SplitMix, maximumLength: Int) -> [UInt8] {
        let length = Int.random(in: 0...maximumLength, using: &generator)
        return (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0x41 }
    }

    @Test("any chunking gives the output and the verdict of one chunk", arguments: SourceEncoding.allCases)
    func chunkingIsInvisible(encoding: SourceEncoding) {
        var generator = SplitMix(seed: 5712)
        for _ in 0..<1500 {
            let bytes = Self.randomBytes(&generator, maximumLength: 40)
            let whole = DecodingHarness.transcode(bytes, encoding)
            let size = Int.random(in: 1...7, using: &generator)
            let chunked = DecodingHarness.transcode(bytes, encoding, chunkSize: size)
            if let bad = whole.invalidAt {
                // Reported where the bad sequence starts, or at the start of the chunk that
                // proves it bad when it began in an earlier one (at most 3 bytes later).
                let chunkedBad = chunked.invalidAt ?? -1
                #expect(chunkedBad >= bad && chunkedBad <= bad + 3, "\(encoding) \(bytes) in \(size)s")
            } else {
                #expect(chunked.invalidAt == nil, "\(encoding) \(bytes) in \(size)s")
                #expect(chunked.text == whole.text, "\(encoding) \(bytes) in \(size)s")
            }
        }
    }

    @Test("detection decides or refuses any bytes, and its decision reads the prefix")
    func detectionIsTotal() {
        var generator = SplitMix(seed: 1993)
        for _ in 0..<3000 {
            let bytes = Self.randomBytes(&generator, maximumLength: 64)
            let prefix = Int.random(in: 0...bytes.count, using: &generator)
            let requested =
                Bool.random(using: &generator)
                ? SourceEncoding.allCases.randomElement(using: &generator) : nil
            let detection = DecodingHarness.detect(bytes, prefix: prefix, requested: requested)
            if let encoding = detection.encoding {
                #expect(detection.findings.isEmpty)
                let body = Array(bytes[min(detection.bomLength, prefix)..<prefix])
                var transcoder = Transcoder(encoding)
                var output: [UInt8] = []
                let bad = body.withUnsafeBufferPointer {
                    transcoder.transcode($0, isFinal: prefix == bytes.count, into: &output)
                }
                #expect(bad == nil, "\(encoding) refuses what detection accepted: \(bytes.prefix(prefix))")
            } else {
                #expect(detection.findings.count == 1)
            }
        }
    }
}
