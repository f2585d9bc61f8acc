import BudgetCore
import Testing

@testable import BudgetIntake

@Suite("Robustness on random input")
struct RobustnessTests {
    /// Deterministic random bytes drawn mostly from CSV-significant pieces.
    static func randomInput(seed: UInt64, length: Int, validUTF8: Bool = true) -> [UInt8] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let pieces: [[UInt8]] = [
            Array(",".utf8), Array(";".utf8), Array("\t".utf8), Array("\"".utf8), Array("\"\"".utf8), [0x0D], [0x0A],
            [0x0D, 0x0A], Array("1.500".utf8), Array("2,5".utf8), Array("90.000.000".utf8), Array("Tổng cộng".utf8),
            Array("Bằng chữ:".utf8), Array("Mã nội dung".utf8), Array("Thành tiền".utf8), Array("Nội dung".utf8),
            Array("I.1".utf8), Array("(5)".utf8), Array("-".utf8), Array("đồng".utf8), Array("nghìn".utf8), [0xFF],
            [0xC3], [0x00], Array("x".utf8), Array(" ".utf8), [0xE2, 0x80, 0xAF], Array("a\u{0301}".utf8),
        ]
        let usable = validUTF8 ? pieces.filter { String(validating: $0, as: UTF8.self) != nil && $0 != [0x00] } : pieces
        var bytes: [UInt8] = []
        while bytes.count < length { bytes += usable[Int(next() % UInt64(usable.count))] }
        return bytes
    }

    @Test("random input never crashes, and chunking never changes the result", arguments: Array(1...40))
    func random(seed: Int) {
        let bytes = Self.randomInput(seed: UInt64(seed), length: 300 + seed * 37, validUTF8: seed % 4 != 0)
        let limits = seed % 3 == 0 ? IntakeLimits(maxFieldBytes: 16, maxColumns: 6, maxRows: 20) : IntakeLimits()
        let whole = Fixture.read(bytes: bytes, limits: limits)
        let split = Fixture.read(bytes: bytes, chunk: 1 + seed % 5, limits: limits)
        #expect(split.consumer.lines == whole.consumer.lines)
        #expect(split.report.findings == whole.report.findings)
        #expect(whole.report.lineCount == whole.consumer.lines.count)
    }

    @Test("random input with a header in front reads lines without crashing", arguments: Array(1...20))
    func randomAfterHeader(seed: Int) {
        let bytes = Array((Fixture.header + "\n").utf8) + Self.randomInput(seed: UInt64(1000 + seed), length: 2000)
        let whole = Fixture.read(bytes: bytes)
        let split = Fixture.read(bytes: bytes, chunk: 3)
        #expect(split.consumer.lines == whole.consumer.lines)
        #expect(split.report.findings == whole.report.findings)
    }
}
