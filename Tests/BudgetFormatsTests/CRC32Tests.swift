import BudgetTestSupport
import Testing

@testable import BudgetFormats

@Suite("CRC-32")
struct CRC32Tests {
    @Test(
        "known vectors of the IEEE 802.3 CRC-32",
        arguments: [
            ("", 0x0000_0000),
            ("a", 0xE8B7_BE43),
            ("123456789", 0xCBF4_3926),
            ("The quick brown fox jumps over the lazy dog", 0x414F_A339),
        ] as [(String, UInt32)])
    func vectors(text: String, crc: UInt32) {
        #expect(CRC32.checksum(Array(text.utf8)) == crc)
    }

    @Test("incremental updates in any split equal one call")
    func incremental() {
        var generator = SplitMix(seed: 42)
        let bytes = (0..<10_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let whole = CRC32.checksum(bytes)
        for split in [0, 1, 7, 8, 9, 63, 4096, 9_999, 10_000] {
            var crc = CRC32()
            crc.update(bytes[..<split])
            crc.update(bytes[split...])
            #expect(crc.value == whole, "split at \(split)")
        }
        var crc = CRC32()
        var start = 0
        while start < bytes.count {
            let length = Int(generator.next() % 37)
            let end = min(bytes.count, start + length)
            crc.update(bytes[start..<end])
            start = end
        }
        #expect(crc.value == whole)
    }

    @Test("the checksum agrees with the bit-by-bit definition")
    func matchesDefinition() {
        var generator = SplitMix(seed: 7)
        for length in [0, 1, 5, 8, 15, 16, 17, 100, 1_001] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            var reference: UInt32 = 0xFFFF_FFFF
            for byte in bytes {
                reference ^= UInt32(byte)
                for _ in 0..<8 { reference = reference & 1 != 0 ? (reference >> 1) ^ 0xEDB8_8320 : reference >> 1 }
            }
            #expect(CRC32.checksum(bytes) == ~reference, "length \(length)")
        }
    }
}
