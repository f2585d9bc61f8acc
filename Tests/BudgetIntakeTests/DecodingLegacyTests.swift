import BudgetCore
import BudgetTestSupport
import Foundation
import Testing

@testable import BudgetIntake

@Suite("Decoding: legacy font encodings (TCVN3, VNI)")
struct DecodingLegacyTests {
    /// Legacy bytes as Excel stores them on an English Windows (code page 1252, which is
    /// Latin-1 in 0xA0–0xFF) and saves them as UTF-8.
    static func wrappedLatin1(_ bytes: [UInt8]) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// The same on a Vietnamese Windows (code page 1258).
    static func wrapped1258(_ bytes: [UInt8]) -> String {
        String(
            String.UnicodeScalarView(bytes.compactMap { Unicode.Scalar(UInt32(Windows1258.table[Int($0)])) }))
    }

    struct Legacy: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let value: String
        var testDescription: String { name }
    }

    static let legacyCases: [Legacy] = DecodingCorpus.all.flatMap { name, text -> [Legacy] in
        let tcvn3 = DecodingEncoders.tcvn3(text)
        let vni = DecodingEncoders.vni(text)
        return [
            Legacy(name: "\(name), TCVN3 bytes", bytes: tcvn3, value: "TCVN3"),
            Legacy(
                name: "\(name), TCVN3 in CSV UTF-8 (English Windows)",
                bytes: [0xEF, 0xBB, 0xBF] + Array(wrappedLatin1(tcvn3).utf8), value: "TCVN3"),
            Legacy(
                name: "\(name), TCVN3 in UTF-8 (Vietnamese Windows)", bytes: Array(wrapped1258(tcvn3).utf8),
                value: "TCVN3"),
            Legacy(
                name: "\(name), TCVN3 in Unicode text",
                bytes: DecodingEncoders.utf16(wrappedLatin1(tcvn3), bigEndian: false, bom: true),
                value: "TCVN3"),
            Legacy(name: "\(name), VNI bytes", bytes: vni, value: "VNI"),
            Legacy(
                name: "\(name), VNI in CSV UTF-8",
                bytes: [0xEF, 0xBB, 0xBF] + Array(wrappedLatin1(vni).utf8), value: "VNI"),
            Legacy(
                name: "\(name), VNI in UTF-8 (Vietnamese Windows)", bytes: Array(wrapped1258(vni).utf8),
                value: "VNI"),
        ]
    }

    @Test("text typed in TCVN3 or VNI is reported, however it was saved", arguments: legacyCases)
    func detected(_ example: Legacy) throws {
        let detection = DecodingHarness.detect(example.bytes)
        #expect(detection.encoding == nil)
        let finding = try #require(detection.findings.first)
        #expect(detection.findings.count == 1)
        #expect(finding.code == .legacyEncoding)
        #expect(finding.severity == .error)
        #expect(finding.value == example.value)
        #expect(finding.variant == (example.value == "VNI" ? "vni" : ""))
        #expect(finding.line == 1)
        let sample = try #require(finding.arguments["sample"])
        #expect(!sample.isEmpty && sample.count <= 64, "sample: \(sample)")
        #expect(finding.message(.en).contains(sample))
        #expect(
            finding.hint(.en)?.contains(example.value == "VNI" ? "VNI Windows" : "--encoding tcvn3") == true)
    }

    @Test("the finding gives the line of the first legacy text and quotes it as a viewer shows it")
    func lineAndSample() throws {
        let bytes =
            Array("STT,Code,Amount\r\n1,IV.2.a,9000\r\n2,IV.5,".utf8)
            + DecodingEncoders.tcvn3("Phim tài liệu về Đảng bộ tỉnh,phim,2")
        let finding = try #require(DecodingHarness.detect(bytes).findings.first)
        #expect(finding.line == 3)
        // Read as Windows-1258, "vÒ" (về) is "v" + a combining hook above (0xD2).
        #expect(finding.arguments["sample"] == "2,IV.5,Phim tµi liÖu v\u{309} §¶ng bé tØnh,phim,2")
        let vni = Array("a,b\nc,".utf8) + DecodingEncoders.vni("Tổng cộng kinh phí Việt Nam")
        let vniFinding = try #require(DecodingHarness.detect(vni).findings.first)
        #expect(vniFinding.line == 2)
        #expect(vniFinding.arguments["sample"] == "c,Toång coäng kinh phí Vieät…")
    }

    struct Plain: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        var testDescription: String { name }
    }

    /// Real Vietnamese with the symbols that sit where TCVN3 keeps its letters.
    static let symbols = """
        Dự toán «Hội nghị» (Excel®, Word®): diện tích 25 m², 3 m³, nhiệt độ 30°C, độ dày 5 µm, 10 µg; \
        § 3 Điều 5; ±5 %; ½ ngày; ¼ trang; Nº 12; © 2020 Sở TT&TT; giá 1.000 ₫; «Tổng cộng» là 1 ¶.
        Tên riêng nước ngoài: Citroën, Noël, naïve, Zürich, São Paulo, Ñuñoa, Øresund.
        """

    static let plainCases: [Plain] =
        DecodingCorpus.all.flatMap { name, text in
            [
                Plain(name: "\(name), Windows-1258", bytes: DecodingEncoders.windows1258(text)),
                Plain(name: "\(name), UTF-8", bytes: Array(text.utf8)),
                Plain(
                    name: "\(name), UTF-8 decomposed (macOS)",
                    bytes: Array(text.decomposedStringWithCanonicalMapping.utf8)),
                Plain(
                    name: "\(name), UTF-16", bytes: DecodingEncoders.utf16(text, bigEndian: false, bom: true)),
            ]
        } + [
            Plain(name: "symbols, UTF-8", bytes: Array(symbols.utf8)),
            Plain(name: "symbols, Windows-1258", bytes: DecodingEncoders.windows1258(symbols)),
            Plain(
                name: "plain ASCII",
                bytes: Array(
                    "STT,Code,Description,Unit,Quantity,Unit price,Amount,Note\r\n1,IV.2.a,Posters,set,2,45000000,90000000,\r\n"
                        .utf8)),
            Plain(
                name: "Vietnamese without tone marks",
                bytes: Array("Du toan kinh phi, Thanh tien, Tong cong".utf8)),
        ]

    @Test("real Vietnamese, symbols and ASCII are not taken for legacy text", arguments: plainCases)
    func noFalsePositive(_ example: Plain) {
        let detection = DecodingHarness.detect(example.bytes)
        #expect(detection.encoding != nil)
        #expect(
            detection.findings.isEmpty, "\(detection.findings.map { "\($0.value ?? "") \($0.arguments)" })")
    }

    @Test("a Unicode template filled in with a .VnTime font is still TCVN3")
    func mixedTemplate() throws {
        let lines = DecodingCorpus.estimate.components(separatedBy: "\r\n")
        let header = lines.prefix(7).joined(separator: "\r\n") + "\r\n"
        let body = lines.dropFirst(7).joined(separator: "\r\n")
        let bytes =
            [0xEF, 0xBB, 0xBF] + Array(header.utf8)
            + Array(Self.wrappedLatin1(DecodingEncoders.tcvn3(body)).utf8)
        let finding = try #require(DecodingHarness.detect(bytes).findings.first)
        #expect(finding.value == "TCVN3")
        #expect(finding.line == 8)
    }

    @Test("--encoding does not silence the legacy check, except --encoding tcvn3 which converts")
    func requested() {
        let tcvn3 = DecodingEncoders.tcvn3(DecodingCorpus.estimate)
        for requested in [SourceEncoding.windows1258, .utf8] {
            let bytes = requested == .utf8 ? Array(Self.wrappedLatin1(tcvn3).utf8) : tcvn3
            let detection = DecodingHarness.detect(bytes, requested: requested)
            #expect(detection.findings.map(\.code) == [.legacyEncoding], "\(requested)")
        }
        let converted = DecodingHarness.detect(tcvn3, requested: .tcvn3)
        #expect(converted.encoding == .tcvn3 && converted.findings.isEmpty)
    }
}

@Suite("Decoding: legacy codes of Unicode scalars")
struct LegacyCodeTests {
    /// The definition `LegacyText.code(of:)` implements, without its shortcut.
    static func reference(_ value: UInt32) -> Int {
        if let byte = LegacyBytes.byte(for: value) { return Int(byte) }
        if (0x300...0x36F).contains(value) { return LegacyText.unicodeLetter }
        if let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic { return LegacyText.unicodeLetter }
        return LegacyText.unicodeOther
    }

    @Test("the shortcuts (precomposed Vietnamese, the table of two-byte characters) give what the definition gives")
    func shortcut() {
        for value in UInt32(0)...0x2FFF {
            #expect(LegacyText.code(of: value) == Self.reference(value), "U+\(String(value, radix: 16))")
        }
    }
}

@Suite("Decoding: the legacy walk's shortcuts")
struct LegacyWalkTests {
    /// The walk a character at a time, through `LegacyText.forEach`, without the UTF-8
    /// shortcuts of `LegacyEncodingDetector.gather`.
    static func characterByCharacter(_ text: LegacyText) -> LegacyEvidence {
        var walk = LegacyWalk(start: text.start)
        text.forEach { _, code, offset in walk.take(code, at: offset) }
        return walk.finish(end: text.bytes.count)
    }

    /// Pieces that exercise every branch: ASCII runs of every length, line breaks of
    /// each kind, tabs and other controls, Vietnamese (NFC and NFD), TCVN3 and VNI
    /// look-alikes next to letters, four-byte characters and a sequence cut off.
    static let pieces: [[UInt8]] =
        [
            "a", "Thanh", "tiền", " ", "\n", "\r", "\r\n", "\t", "12345678901", ",", "đồng", "Đắk Lắk",
            "e\u{0301}", "µg", "§¬n gi¸", "Thµnh tiÒn", "«x»", "®", "Vieät Nam", "ñoàng", "VIEÄT", "🙂", "\u{1EC7}",
            "™", "€", "Œ", "Š", "ơư",
        ].map { Array($0.utf8) } + [[0xE1, 0xBB]]

    /// Calls `body` with `count` random texts made of ``pieces``, each read from a random
    /// start to a random end (or its end), described for a failure message.
    static func randomTexts(seed: UInt64, count: Int, _ body: (LegacyText, String) -> Void) {
        var random = SplitMix(seed: seed)
        for round in 0..<count {
            var bytes: [UInt8] = []
            for _ in 0..<Int(random.next() % 40) {
                bytes += Self.pieces[Int(random.next() % UInt64(Self.pieces.count))]
            }
            let start = bytes.isEmpty ? 0 : Int(random.next() % UInt64(min(4, bytes.count)))
            let end = round % 3 == 0 ? nil : Int(random.next() % UInt64(bytes.count + 1))
            bytes.withUnsafeBufferPointer { buffer in
                body(
                    LegacyText(bytes: buffer, start: start, source: .utf8, end: end),
                    "\(bytes) from \(start) to \(String(describing: end))")
            }
        }
    }

    @Test("gather gives the evidence of walking a character at a time, on random UTF-8 text")
    func sameEvidence() {
        var hits = 0
        Self.randomTexts(seed: 0x1E6A, count: 3_000) { text, description in
            let evidence = LegacyEncodingDetector.gather(text)
            #expect(evidence == Self.characterByCharacter(text), "\(description)")
            hits += evidence.tcvn3 + evidence.vni
        }
        #expect(hits > 1_000, "the texts hold legacy hits to compare")
    }

    @Test("the legacy byte of each scalar is the one the code pages give, by table as by search")
    func legacyBytes() {
        var expected: [UInt32: UInt8] = [:]
        for byte in 0x80...0xFF where Windows1258.table[byte] != Windows1258.unassigned {
            expected[UInt32(Windows1258.table[byte])] = UInt8(byte)
        }
        for (byte, value) in [(0x8A, 0x0160), (0x8E, 0x017D), (0x9A, 0x0161), (0x9E, 0x017E)] {
            expected[UInt32(value)] = UInt8(byte)
        }
        for value in UInt32(0x100)...0x10FFF {
            #expect(LegacyBytes.byte(for: value) == expected[value], "U+\(String(value, radix: 16))")
        }
        #expect(LegacyBytes.byte(for: 0x41) == 0x41)
        #expect(LegacyBytes.byte(for: 0xE9) == 0xE9)
    }
    @Test("every character whose legacy code could be a hit begins with one of the prefilter's lead bytes")
    func prefilterLeads() {
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let code = LegacyText.code(of: value)
            guard code >= 0xA1, code <= 0xFF else { continue }
            let lead = Array(String(Character(scalar)).utf8)[0]
            #expect(LegacyPrefilter.leads.contains(lead), "U+\(String(value, radix: 16)) → code \(code)")
        }
    }

    @Test("the VNI marks after each code come from the table as the rule gives them")
    func markTable() {
        var marked = 0
        for code in 0..<0x110 {
            for upper in [false, true] {
                #expect(
                    LegacyEvidence.marks(after: code, upper: upper)
                        == LegacyEvidence.markRule(after: code, upper: upper))
                if LegacyEvidence.marks(after: code, upper: upper) != 0 { marked += 1 }
            }
        }
        // a e o u y ơ ư, each in both cases.
        #expect(marked == 14)
    }

    @Test("the prefilter's tables answer as its rule for every two-byte character after every code")
    func prefilterTables() {
        var mismatches: [String] = []
        for index in 0..<0x780 {
            let code = Int(LegacyText.twoByteCodes[index])
            let verdict = LegacyPrefilter.verdicts[index]
            for previous in [nil] + Array(0..<0x102) {
                let rule = LegacyPrefilter.isPossibleHit(code: code, previous: previous)
                let table: Bool
                switch verdict {
                case LegacyPrefilter.noHit: table = false
                case LegacyPrefilter.alwaysPossible: table = true
                default:
                    if let previous {
                        table =
                            previous < 0x100 && LegacyPrefilter.markHits[previous] >> UInt64(verdict - 0xC0) & 1 != 0
                    } else {
                        table = true
                    }
                }
                if table != rule {
                    mismatches.append("U+\(String(index + 0x80, radix: 16)) after \(String(describing: previous))")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        // The rule is the walk's: "eä" (VNI ệ) is a hit, "oà" (old-style hoà) is not.
        #expect(LegacyPrefilter.isPossibleHit(code: 0xE4, previous: 0x65))
        #expect(!LegacyPrefilter.isPossibleHit(code: 0xE0, previous: 0x6F))
        #expect(LegacyEvidence.isVNIHit(previous: 0x65, byte: 0xE4, next: 0x20))
    }

    @Test("the prefilter never rules out a text with a hit, and rules out real Vietnamese")
    func prefilterIsExact() {
        var hits = 0
        var ruledOut = 0
        Self.randomTexts(seed: 0x5AFE, count: 5_000) { text, description in
            let evidence = LegacyEncodingDetector.gather(text)
            let may = LegacyPrefilter.mayHit(text)
            if evidence.tcvn3 + evidence.vni > 0 {
                hits += 1
                #expect(may, "\(description)")
            }
            if !may { ruledOut += 1 }
        }
        #expect(hits > 1_000, "the texts hold legacy hits")
        #expect(ruledOut > 100, "and some texts are ruled out")
        for example in DecodingLegacyTests.legacyCases {
            let bytes =
                example.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(example.bytes.dropFirst(3)) : example.bytes
            bytes.withUnsafeBufferPointer { buffer in
                let text = LegacyText(bytes: buffer, start: 0, source: .utf8)
                if LegacyEncodingDetector.gather(text).tcvn3 + LegacyEncodingDetector.gather(text).vni > 0 {
                    #expect(LegacyPrefilter.mayHit(text), "\(example.name)")
                }
            }
        }
        for (name, text) in DecodingCorpus.all {
            for form in [text, text.precomposedStringWithCanonicalMapping] {
                let bytes = Array(form.utf8)
                bytes.withUnsafeBufferPointer { buffer in
                    let legacy = LegacyText(bytes: buffer, start: 0, source: .utf8)
                    #expect(LegacyEncodingDetector.gather(legacy).tcvn3 == 0, "\(name)")
                    if !LegacyPrefilter.mayHit(legacy) { ruledOut += 1 }
                }
            }
        }
        #expect(ruledOut > 100 + DecodingCorpus.all.count, "real Vietnamese text is ruled out without the walk")
    }
}
