import Foundation
import Testing

@testable import BudgetIntake

@Suite("Decoding: TCVN3 conversion (--encoding tcvn3)")
struct DecodingTCVN3Tests {
    /// TCVN3 as it shows in a Western font: the bytes of the strings below (all < 0x100).
    static func bytes(_ latin1: String) -> [UInt8] {
        latin1.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
    }

    /// What TCVN3 can say: capitals with tone marks have no code and come out in lower case.
    static func expected(_ text: String) -> String {
        let capitals: Set<Unicode.Scalar> = ["Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"]
        var scalars = String.UnicodeScalarView()
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.value >= 0x80, scalar.properties.isUppercase, !capitals.contains(scalar) {
                scalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    @Test("the national heading, as every garbled TCVN3 document shows it, converts")
    func nationalHeading() {
        let cases = [
            ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
            ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
            ("Uû ban nh©n d©n tØnh Kon Tum", "Uỷ ban nhân dân tỉnh Kon Tum"),
            (
                "Dù to¸n kinh phÝ n¨m 2020: Thµnh tiÒn 90.000.000 ®ång",
                "Dự toán kinh phí năm 2020: Thành tiền 90.000.000 đồng"
            ),
        ]
        for (tcvn3, unicode) in cases {
            let result = DecodingHarness.transcode(Self.bytes(tcvn3), .tcvn3)
            #expect(result.invalidAt == nil)
            #expect(result.text == unicode)
        }
    }

    @Test("every VN3 letter converts to its precomposed character")
    func everyLetter() {
        let letters = "ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
        let result = DecodingHarness.transcode(DecodingEncoders.tcvn3(letters), .tcvn3)
        #expect(result.text.unicodeScalars.elementsEqual(letters.unicodeScalars))
        let bytes = DecodingEncoders.tcvn3(letters)
        #expect(Set(bytes).count == bytes.count, "each letter has its own byte")
        #expect(bytes.allSatisfy { $0 >= 0xA1 })
    }

    static let carriers: [(name: String, wrap: @Sendable ([UInt8]) -> [UInt8])] = [
        ("bytes", { $0 }),
        ("CSV UTF-8 with BOM", { [0xEF, 0xBB, 0xBF] + Array(DecodingLegacyTests.wrappedLatin1($0).utf8) }),
        ("UTF-8 without BOM", { Array(DecodingLegacyTests.wrappedLatin1($0).utf8) }),
        ("UTF-8 from a Vietnamese Windows", { Array(DecodingLegacyTests.wrapped1258($0).utf8) }),
        (
            "Unicode text (UTF-16 LE)",
            { DecodingEncoders.utf16(DecodingLegacyTests.wrappedLatin1($0), bigEndian: false, bom: true) }
        ),
        (
            "UTF-16 BE",
            { DecodingEncoders.utf16(DecodingLegacyTests.wrappedLatin1($0), bigEndian: true, bom: true) }
        ),
    ]

    @Test("TCVN3 text converts however it was saved", arguments: carriers.map(\.name))
    func carriersConvert(carrier: String) throws {
        let wrap = try #require(Self.carriers.first { $0.name == carrier }).wrap
        for (name, text) in DecodingCorpus.all {
            let bytes = wrap(DecodingEncoders.tcvn3(text))
            let detection = DecodingHarness.detect(bytes, requested: .tcvn3)
            #expect(detection.encoding == .tcvn3 && detection.bomLength == 0)
            let result = DecodingHarness.transcode(bytes, .tcvn3)
            #expect(result.invalidAt == nil, "\(name)")
            #expect(result.text == Self.expected(text), "\(name)")
        }
    }

    @Test("one-byte chunks give the same output as one chunk", arguments: carriers.map(\.name))
    func chunking(carrier: String) throws {
        let wrap = try #require(Self.carriers.first { $0.name == carrier }).wrap
        let bytes = wrap(DecodingEncoders.tcvn3(DecodingCorpus.estimate))
        let whole = DecodingHarness.output(bytes, .tcvn3, chunkSize: bytes.count)
        for size in [1, 2, 3, 5] {
            #expect(DecodingHarness.output(bytes, .tcvn3, chunkSize: size) == whole, "chunks of \(size)")
        }
    }

    @Test("in a Unicode template filled in with TCVN3, the Unicode lines are left alone")
    func mixedTemplate() {
        let lines = DecodingCorpus.estimate.components(separatedBy: "\r\n")
        let header = lines.prefix(7).joined(separator: "\r\n") + "\r\n"
        let body = lines.dropFirst(7).joined(separator: "\r\n")
        let bytes =
            [0xEF, 0xBB, 0xBF] + Array(header.utf8)
            + Array(DecodingLegacyTests.wrappedLatin1(DecodingEncoders.tcvn3(body)).utf8)
        let result = DecodingHarness.transcode(bytes, .tcvn3, chunkSize: 7)
        #expect(result.text == header + Self.expected(body))
    }

    @Test("NUL and C0 controls are refused in TCVN3 too")
    func refused() {
        #expect(DecodingHarness.transcode(Self.bytes("Th¸ng\u{0}"), .tcvn3).invalidAt == 5)
        #expect(DecodingHarness.transcode(Self.bytes("ab\u{1B}"), .tcvn3, chunkSize: 1).invalidAt == 2)
        #expect(DecodingHarness.transcode([0x41, 0x81], .tcvn3).invalidAt == 1)
    }
}
