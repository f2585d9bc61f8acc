import Foundation
import Testing

@testable import BudgetIntake

@Suite("Decoding: UTF-16")
struct DecodingUTF16Tests {
    @Test("Vietnamese text round-trips through UTF-16 with a BOM", arguments: [false, true])
    func roundTrip(bigEndian: Bool) {
        for (name, text) in DecodingCorpus.all {
            let bytes = DecodingEncoders.utf16(text, bigEndian: bigEndian, bom: true)
            let detection = DecodingHarness.detect(bytes)
            #expect(detection.encoding == (bigEndian ? .utf16BE : .utf16LE), "\(name)")
            #expect(detection.bomLength == 2)
            #expect(detection.findings.isEmpty)
            let result = DecodingHarness.transcode(Array(bytes.dropFirst(2)), bigEndian ? .utf16BE : .utf16LE)
            #expect(result.invalidAt == nil)
            #expect(result.text == text, "\(name)")
        }
    }

    @Test("Excel's Unicode text (UTF-16 LE, BOM, tabs) is read")
    func excelUnicodeText() {
        let text = DecodingCorpus.estimate.replacingOccurrences(of: ",", with: "\t")
        let bytes = DecodingEncoders.utf16(text, bigEndian: false, bom: true)
        #expect(Array(bytes.prefix(2)) == [0xFF, 0xFE])
        #expect(DecodingHarness.detect(bytes).encoding == .utf16LE)
        #expect(DecodingHarness.transcode(Array(bytes.dropFirst(2)), .utf16LE).text == text)
    }

    @Test(
        "chunks of every size, splitting units and surrogate pairs, give the same output",
        arguments: [false, true])
    func chunking(bigEndian: Bool) {
        let text = "Dự toán 𠀀 kinh phí 😀\r\n₫ đồng"
        let bytes = DecodingEncoders.utf16(text, bigEndian: bigEndian, bom: false)
        let encoding: SourceEncoding = bigEndian ? .utf16BE : .utf16LE
        let whole = DecodingHarness.output(bytes, encoding, chunkSize: bytes.count)
        #expect(String(decoding: whole, as: UTF8.self) == text)
        for size in 1...9 {
            #expect(DecodingHarness.output(bytes, encoding, chunkSize: size) == whole, "chunks of \(size)")
        }
    }

    struct Invalid: CustomTestStringConvertible, Sendable {
        let name: String
        let units: [UInt16]
        let trailingByte: Bool
        let invalidAt: Int
        var testDescription: String { name }
    }

    static let invalid: [Invalid] = [
        Invalid(
            name: "a low surrogate alone", units: [0x41, 0xDC00, 0x42], trailingByte: false, invalidAt: 2),
        Invalid(
            name: "a high surrogate before a letter", units: [0x41, 0xD800, 0x42], trailingByte: false,
            invalidAt: 2),
        Invalid(
            name: "a high surrogate at the end", units: [0x41, 0x42, 0xDBFF], trailingByte: false,
            invalidAt: 4),
        Invalid(name: "U+0000", units: [0x41, 0x0000], trailingByte: false, invalidAt: 2),
        Invalid(name: "a C0 control", units: [0x41, 0x42, 0x43, 0x0007], trailingByte: false, invalidAt: 6),
        Invalid(name: "an odd final byte", units: [0x41, 0x42], trailingByte: true, invalidAt: 4),
    ]

    @Test(
        "unpaired surrogates, NUL, controls and an odd byte are refused where they start", arguments: invalid)
    func refused(_ example: Invalid) {
        for bigEndian in [false, true] {
            var bytes: [UInt8] = []
            for unit in example.units {
                let pair = [UInt8(unit >> 8), UInt8(unit & 0xFF)]
                bytes += bigEndian ? pair : pair.reversed()
            }
            if example.trailingByte { bytes.append(0x41) }
            let encoding: SourceEncoding = bigEndian ? .utf16BE : .utf16LE
            #expect(
                DecodingHarness.transcode(bytes, encoding).invalidAt == example.invalidAt,
                "whole, BE \(bigEndian)")
            // In one-byte chunks the offending unit (or pair) may have begun in an earlier
            // chunk: it is then reported at the start of the chunk that proves it bad.
            if let bad = DecodingHarness.transcode(bytes, encoding, chunkSize: 1).invalidAt {
                #expect(bad >= example.invalidAt && bad <= example.invalidAt + 3, "one-byte chunks: \(bad)")
            } else {
                Issue.record("not refused in one-byte chunks")
            }
        }
    }

    @Test("UTF-16 without a BOM is recognised by its NUL bytes", arguments: [false, true])
    func withoutBOM(bigEndian: Bool) {
        for (name, text) in DecodingCorpus.all {
            let bytes = DecodingEncoders.utf16(text, bigEndian: bigEndian, bom: false)
            let detection = DecodingHarness.detect(bytes)
            #expect(detection.encoding == (bigEndian ? .utf16BE : .utf16LE), "\(name)")
            #expect(detection.bomLength == 0)
        }
    }

    @Test("UTF-32 and binary data with NULs are not taken for UTF-16")
    func notUTF16() {
        var utf32: [UInt8] = []
        for scalar in "STT,Mã nội dung".unicodeScalars {
            let value = scalar.value
            utf32 += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), 0, 0]
        }
        #expect(DecodingHarness.detect(utf32).encoding == nil)
        #expect(DecodingHarness.detect(utf32).findings.first?.code == .unreadableEncoding)
        let binary: [UInt8] = [0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x03, 0x00]
        #expect(DecodingHarness.detect(binary).encoding == nil)
    }
}
