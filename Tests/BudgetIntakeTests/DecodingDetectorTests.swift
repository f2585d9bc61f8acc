import BudgetCore
import Foundation
import Testing

@testable import BudgetIntake

@Suite("Decoding: encoding detection")
struct DecodingDetectorTests {
    static let estimate = Array(DecodingCorpus.estimate.utf8)

    @Test("a UTF-8 BOM is skipped and decides UTF-8")
    func utf8BOM() {
        let detection = DecodingHarness.detect([0xEF, 0xBB, 0xBF] + Self.estimate)
        #expect(detection.encoding == .utf8)
        #expect(detection.bomLength == 3)
        #expect(!detection.isTentative)
        #expect(detection.findings.isEmpty)
    }

    @Test("BOM-less UTF-8 Vietnamese is UTF-8, certain even from a prefix")
    func utf8WithoutBOM() throws {
        let whole = DecodingHarness.detect(Self.estimate)
        #expect(whole.encoding == .utf8 && whole.bomLength == 0 && !whole.isTentative)
        // A prefix that cuts a sequence in two is still valid UTF-8 so far.
        let nonASCII = Self.estimate.firstIndex { $0 >= 0x80 }
        let cut = try #require(nonASCII)
        let partial = DecodingHarness.detect(Self.estimate, prefix: cut + 1)
        #expect(partial.encoding == .utf8)
        #expect(!partial.isTentative)
    }

    @Test("an all-ASCII prefix of a longer file is tentative UTF-8; the whole file is not")
    func tentative() {
        let bytes =
            Array("STT,Code,Amount\r\n1,IV.2.a,90000000\r\n".utf8)
            + DecodingEncoders.windows1258("Thành tiền")
        let prefix = DecodingHarness.detect(bytes, prefix: 20)
        #expect(prefix.encoding == .utf8 && prefix.isTentative)
        let again = DecodingHarness.detect(bytes, prefix: 20, excludeUTF8: true)
        #expect(again.encoding == .windows1258 && !again.isTentative)
        let ascii = Array("STT,Code,Amount\r\n".utf8)
        #expect(DecodingHarness.detect(ascii).isTentative == false)
    }

    @Test("an empty file is UTF-8")
    func empty() {
        let detection = DecodingHarness.detect([])
        #expect(detection.encoding == .utf8 && detection.findings.isEmpty && !detection.isTentative)
    }

    @Test("Windows-1258 is the fallback for bytes that are not UTF-8")
    func windows1258() {
        let detection = DecodingHarness.detect(DecodingEncoders.windows1258(DecodingCorpus.estimate))
        #expect(detection.encoding == .windows1258)
        #expect(detection.bomLength == 0)
    }

    struct Unreadable: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let line: Int?
        let value: String
        var testDescription: String { name }
    }

    static let header = Array("STT,Nội dung\r\n1,".utf8)  // two lines; the bad byte is on line 2

    static let unreadableCases: [Unreadable] =
        [
            Unreadable(
                name: "NUL byte", bytes: Array("Mã\r\nabc".utf8) + [0x00], line: 2,
                value: "0x00"),
            Unreadable(
                name: "C0 control (0x01) in ASCII", bytes: Array("a,b\nc,d\re".utf8) + [0x01], line: 3,
                value: "0x01"),
            Unreadable(
                name: "form feed in Windows-1258 text", bytes: [0x56, 0x69, 0xEA, 0xF2, 0x74, 0x0A, 0x0C],
                line: 2, value: "0x0C"),
        ]
        + [0x81, 0x8A, 0x8D, 0x8E, 0x8F, 0x90, 0x9A, 0x9D, 0x9E].map { (byte: UInt8) in
            let bytes = DecodingEncoders.windows1258("Đơn giá\r\nThành tiền ") + [byte]
            let hex = String(byte, radix: 16, uppercase: true)
            return Unreadable(
                name: "unassigned byte 0x\(hex)", bytes: bytes, line: 2,
                value: "0x\(hex)")
        }

    @Test(
        "bytes that are text in no supported encoding are refused at the byte, with its line",
        arguments: unreadableCases)
    func unreadable(_ example: Unreadable) {
        let detection = DecodingHarness.detect(example.bytes)
        #expect(detection.encoding == nil)
        #expect(detection.findings.count == 1)
        let finding = detection.findings.first
        #expect(finding?.code == .unreadableEncoding)
        #expect(finding?.variant == "")
        #expect(finding?.line == example.line)
        #expect(finding?.value == example.value)
    }

    @Test("UTF-8 with one damaged byte is refused at that byte, not read as Windows-1258")
    func damagedUTF8() {
        var bytes = Self.estimate
        let line3 =
            Array(
                DecodingCorpus.estimate.components(separatedBy: "\r\n").prefix(2).joined(separator: "\r\n")
                    .utf8
            ).count + 2
        bytes.insert(0xE9, at: line3 + 3)  // a Windows-1258 "é" typed into line 3
        let detection = DecodingHarness.detect(bytes)
        #expect(detection.encoding == nil)
        #expect(detection.findings.first?.code == .unreadableEncoding)
        #expect(detection.findings.first?.line == 3)
        #expect(detection.findings.first?.value == "0xE9")
    }

    struct Signature: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let variant: String
        var testDescription: String { name }
    }

    static let signatureCases: [Signature] = [
        Signature(
            name: "XLSX (ZIP)",
            bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + Array("[Content_Types].xml".utf8),
            variant: "spreadsheet"),
        Signature(
            name: "empty ZIP", bytes: [0x50, 0x4B, 0x05, 0x06] + Array(repeating: 0, count: 18),
            variant: "spreadsheet"),
        Signature(
            name: "XLS (OLE2)", bytes: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00, 0x00],
            variant: "spreadsheet"),
        Signature(name: "PDF", bytes: Array("%PDF-1.7\n%âãÏÓ\n".utf8), variant: "pdf"),
    ]

    @Test(
        "a workbook or a PDF sent instead of a CSV is named, whatever --encoding says",
        arguments: signatureCases)
    func signatures(_ example: Signature) {
        for requested in [nil] + SourceEncoding.allCases.map(Optional.some) {
            let detection = DecodingHarness.detect(example.bytes, requested: requested)
            #expect(detection.encoding == nil)
            #expect(detection.findings.map(\.code) == [.unreadableEncoding])
            #expect(detection.findings.first?.variant == example.variant)
            #expect(detection.findings.first?.line == nil)
            #expect(detection.findings.first?.hint(.en) != nil)
        }
    }

    @Test("--encoding utf-8 refuses invalid UTF-8 instead of falling back")
    func requestedUTF8() {
        let bytes = DecodingEncoders.windows1258("STT,Nội dung\r\nThành tiền")
        let detection = DecodingHarness.detect(bytes, requested: .utf8)
        #expect(detection.encoding == nil)
        #expect(detection.findings.first?.code == .unreadableEncoding)
        #expect(detection.findings.first?.line == 1)
        let bom = DecodingHarness.detect([0xEF, 0xBB, 0xBF] + Self.estimate, requested: .utf8)
        #expect(bom.encoding == .utf8 && bom.bomLength == 3)
    }

    @Test("--encoding windows-1258 reads even valid UTF-8 as Windows-1258")
    func requestedWindows1258() {
        let detection = DecodingHarness.detect(Array("Thành phố".utf8), requested: .windows1258)
        #expect(detection.encoding == .windows1258 && detection.bomLength == 0)
    }

    @Test("--encoding utf-16 takes the byte order from the BOM, else as requested")
    func requestedUTF16() {
        let big = DecodingEncoders.utf16("Thành tiền", bigEndian: true, bom: true)
        #expect(DecodingHarness.detect(big, requested: .utf16LE).encoding == .utf16BE)
        #expect(DecodingHarness.detect(big, requested: .utf16LE).bomLength == 2)
        let plain = DecodingEncoders.utf16("Thành tiền", bigEndian: true, bom: false)
        #expect(DecodingHarness.detect(plain, requested: .utf16BE).encoding == .utf16BE)
        let refused = DecodingHarness.detect(
            DecodingEncoders.utf16("Thành tiền", bigEndian: false, bom: false) + [0x00, 0xD8, 0x41, 0x00],
            requested: .utf16LE)
        #expect(refused.findings.first?.value == "0xD800")
    }

    @Test("--encoding tcvn3 leaves the BOM to the transcoder")
    func requestedTCVN3() {
        let detection = DecodingHarness.detect([0xEF, 0xBB, 0xBF] + Array("Th¸ng".utf8), requested: .tcvn3)
        #expect(detection.encoding == .tcvn3)
        #expect(detection.bomLength == 0)
        #expect(
            DecodingHarness.detect(Array("a\u{1}".utf8), requested: .tcvn3).findings.first?.value
                == "0x01")
    }

    @Test("the finding for a later invalid byte is worded like detection's")
    func laterFinding() {
        let finding = EncodingDetector.unreadableFinding(byte: 0x8D, offset: 1234, line: 17)
        #expect(finding.code == .unreadableEncoding && finding.severity == .error)
        #expect(finding.value == "0x8D")
        #expect(finding.line == 17)
        #expect(finding.message(.en).contains("byte 0x8D at offset 1234"))
        #expect(finding.message(.vi).contains("byte 0x8D ở vị trí 1234"), "Vietnamese all through")
        #expect(
            EncodingDetector.unreadableFinding(byte: 0x0B, offset: 0, line: nil).value
                == "0x0B")
    }
}
