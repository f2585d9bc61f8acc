import BudgetCore
import Foundation
import Testing

@testable import BudgetIntake

/// `IntakeOptions.keepsLineText = false` (what `check` asks for): lines carry their code,
/// numbers and the description's key, and nothing else changes.
@Suite("Lines without their text")
struct LineTextTests {
    static let file = """
        Mã đơn vị,BAOKT

        \(Fixture.header)
        1,IV.5.a,Phóng sự chuyên đề,bộ,2,30.000.000,60.000.000,
        2,iv.5.a,"  PHÓNG   SỰ, chuyên ĐỀ ",bộ,1,"60.000.000","60.000.000",Ghi chú
        3,IV.7,Pho\u{0301}ng su\u{031B}\u{0323} chuye\u{0302}n đe\u{0302}\u{0300},cái,"1,5",100,150,
        4,IV.7,Tài liệu\u{00A0}hướng dẫn\tnghiệp vụ,,3,x,300,
        5,IV.8,,,,,,
        6,IV.9,"Có ""ngoặc"" kép",gói,1.500,2,3.000,
        ,,Tổng cộng,,,,273.000.450,
        7,IV.10,Ωmega 漢字 İstanbul,kg,1,1,1,extra,cell

        """

    static func bothWays(_ text: String, chunk: Int = .max) -> (full: ReadResult, bare: ReadResult) {
        (Fixture.read(text, chunk: chunk), Fixture.read(text, chunk: chunk, keepsLineText: false))
    }

    @Test("the same lines, numbers, codes and findings, with or without text", arguments: [Int.max, 7, 64])
    func sameLines(chunk: Int) {
        let (full, bare) = Self.bothWays(Self.file, chunk: chunk)
        #expect(full.lines.count == 7)
        #expect(bare.lines.count == full.lines.count)
        #expect(bare.findings == full.findings)
        #expect(bare.report.totalRows == full.report.totalRows)
        for (a, b) in zip(full.lines, bare.lines) {
            #expect(a.line == b.line)
            #expect(a.itemCode == b.itemCode)
            #expect(a.quantity == b.quantity)
            #expect(a.unitPrice == b.unitPrice)
            #expect(a.amount == b.amount)
        }
    }

    @Test("without text, a line holds the key of the description it would have held")
    func descriptionKeys() {
        let (full, bare) = Self.bothWays(Self.file)
        for (a, b) in zip(full.lines, bare.lines) {
            #expect(b.descriptionKey == Folding.caseAndSpaceKey(a.description), "line \(a.line)")
            #expect(b.description.isEmpty && b.unit.isEmpty && b.note.isEmpty && b.number.isEmpty)
        }
        // Lines 1 and 2 fold alike (case, spacing, the comma aside), line 3 (NFD) like line 1.
        #expect(bare.lines[0].descriptionKey != bare.lines[1].descriptionKey)
        #expect(bare.lines[0].descriptionKey == bare.lines[2].descriptionKey)
    }

    @Test("a Windows-1258 file (decomposed once decoded) keys like its UTF-8")
    func windows1258() throws {
        let text = "\(Fixture.header)\r\n1,IV.5.a,  PHÓNG sự chuyên đề ,bộ,1,1,1,\r\n"
        // Windows-1258 has the letters with ˆ, ˘, ơ, ư, đ and writes tone marks as combining
        // characters after them.
        func byte(_ scalar: Unicode.Scalar) -> UInt8? {
            (0...255).first { Windows1258.table[$0] == UInt16(truncatingIfNeeded: scalar.value) }.map(UInt8.init)
        }
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            if let single = byte(scalar) {
                bytes.append(single)
                continue
            }
            let parts = Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
            let tones: Set<UInt32> = [0x300, 0x301, 0x303, 0x309, 0x323]
            let mark = try #require(parts.first { tones.contains($0.value) }.flatMap(byte))
            let rest = parts.filter { !tones.contains($0.value) }
            let base = String(String.UnicodeScalarView(rest)).precomposedStringWithCanonicalMapping.unicodeScalars
            bytes.append(try #require(base.first.flatMap(byte), "U+\(String(scalar.value, radix: 16))"))
            bytes.append(mark)
        }
        let legacy = Fixture.read(bytes: bytes, encoding: .windows1258, keepsLineText: false)
        let utf8 = Fixture.read(text)
        #expect(legacy.lines.count == 1)
        #expect(legacy.lines.first?.descriptionKey == utf8.lines.first.map { Folding.caseAndSpaceKey($0.description) })
        #expect(legacy.lines.first?.descriptionKey == Folding.caseAndSpaceKey("phóng sự chuyên đề"))
    }
}
