import Testing

@testable import BudgetIntake

@Suite("Decoding: --encoding values")
struct DecodingSourceEncodingTests {
    static let accepted: [(String, SourceEncoding)] = [
        ("utf8", .utf8), ("utf-8", .utf8), ("UTF8", .utf8), ("UTF-8", .utf8), ("utf_8", .utf8),
        ("utf-8-sig", .utf8),
        ("utf-16", .utf16LE), ("utf16le", .utf16LE), ("UTF-16LE", .utf16LE), ("unicode", .utf16LE),
        ("ucs-2", .utf16LE),
        ("utf16be", .utf16BE), ("UTF-16BE", .utf16BE), ("Unicode big endian", .utf16BE),
        ("cp1258", .windows1258), ("windows-1258", .windows1258), ("win1258", .windows1258),
        ("1258", .windows1258),
        ("Windows 1258", .windows1258), ("ANSI", .windows1258),
        ("tcvn3", .tcvn3), ("TCVN", .tcvn3), ("abc", .tcvn3), ("TCVN-5712", .tcvn3), ("vn3", .tcvn3),
    ]

    @Test("a lenient --encoding value names its encoding", arguments: accepted.map(\.0))
    func accepts(value: String) {
        let expected = Self.accepted.first { $0.0 == value }?.1
        #expect(SourceEncoding(userValue: value) == expected)
    }

    @Test(
        "unknown values, and VNI which cannot be converted, are refused",
        arguments: ["", "latin1", "vni", "utf-32", "cp1252", "utf 8x"])
    func refuses(value: String) {
        #expect(SourceEncoding(userValue: value) == nil)
    }

    @Test("every encoding's canonical name reads back as itself")
    func canonical() {
        for encoding in SourceEncoding.allCases {
            #expect(SourceEncoding(userValue: encoding.rawValue) == encoding)
        }
    }
}
