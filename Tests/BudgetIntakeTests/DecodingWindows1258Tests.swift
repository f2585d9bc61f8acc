import Foundation
import Testing

@testable import BudgetIntake

@Suite("Decoding: Windows-1258")
struct DecodingWindows1258Tests {
    @Test("all 256 bytes map as Python's cp1258 codec maps them")
    func tableMatchesPython() {
        #expect(DecodingExpected.cp1258.count == 256)
        for byte in 0..<256 {
            let expected = DecodingExpected.cp1258[byte]
            let actual = Windows1258.table[byte]
            if expected < 0 {
                #expect(
                    actual == Windows1258.unassigned, "byte 0x\(String(byte, radix: 16)) should be unassigned"
                )
            } else {
                #expect(Int(actual) == expected, "byte 0x\(String(byte, radix: 16))")
            }
        }
    }

    @Test("each byte transcodes to its character, or is refused when it is not text")
    func everyByteTranscodes() {
        for byte in 0..<256 {
            let expected = DecodingExpected.cp1258[byte]
            let result = DecodingHarness.transcode([UInt8(byte)], .windows1258)
            let isText = expected >= 0 && !(byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D)
            if isText {
                #expect(result.invalidAt == nil, "byte 0x\(String(byte, radix: 16))")
                let scalars = Array(
                    String(
                        decoding: DecodingHarness.output([UInt8(byte)], .windows1258, chunkSize: 1),
                        as: UTF8.self
                    ).unicodeScalars)
                #expect(scalars.map(\.value) == [UInt32(expected)], "byte 0x\(String(byte, radix: 16))")
            } else {
                #expect(result.invalidAt == 0, "byte 0x\(String(byte, radix: 16)) should be refused")
            }
        }
    }

    @Test("the contract's unassigned bytes are exactly the undefined ones")
    func unassignedBytes() {
        let undefined = (0..<256).filter { Windows1258.table[$0] == Windows1258.unassigned }
        #expect(undefined == [0x81, 0x8A, 0x8D, 0x8E, 0x8F, 0x90, 0x9A, 0x9D, 0x9E])
    }

    @Test(
        "Vietnamese text round-trips through Windows-1258 with decomposed tones",
        arguments: DecodingCorpus.all.map(\.name))
    func roundTrip(name: String) throws {
        let text = try #require(DecodingCorpus.all.first { $0.name == name }).text
        let bytes = DecodingEncoders.windows1258(text)
        #expect(!bytes.contains(0x3F) || text.contains("?"), "the encoder lost a character")
        #expect(bytes.contains(0xF2), "tones should be separate bytes (ệ = ê + 0xF2)")
        let detection = DecodingHarness.detect(bytes)
        #expect(detection.encoding == .windows1258)
        #expect(detection.findings.isEmpty)
        let result = DecodingHarness.transcode(bytes, .windows1258)
        #expect(result.invalidAt == nil)
        #expect(result.text == text)
    }

    @Test("one-byte chunks give the same output as one chunk")
    func chunking() {
        let bytes = DecodingEncoders.windows1258(DecodingCorpus.estimate)
        let whole = DecodingHarness.output(bytes, .windows1258, chunkSize: bytes.count)
        for size in [1, 2, 3, 7, 64] {
            #expect(
                DecodingHarness.output(bytes, .windows1258, chunkSize: size) == whole, "chunks of \(size)")
        }
    }

    @Test("decoding gives decomposed text; composing it gives NFC")
    func decomposed() {
        let output = DecodingHarness.output([0x56, 0x69, 0xEA, 0xF2, 0x74], .windows1258, chunkSize: 5)
        let text = String(decoding: output, as: UTF8.self)
        #expect(Array(text.unicodeScalars).map(\.value) == [0x56, 0x69, 0xEA, 0x323, 0x74])
        #expect(text.precomposedStringWithCanonicalMapping == "Việt")
    }
}
