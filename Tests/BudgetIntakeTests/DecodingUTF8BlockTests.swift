import BudgetTestSupport
import Testing

@testable import BudgetIntake

/// The validator's sixteen-byte path for mixed text (``UTF8Validator/afterPlainBlocks(_:from:count:)``)
/// against a byte-by-byte reading of Unicode table 3-7: every kind of sequence, good and
/// bad, at every offset within a block, at the end of the buffer and across chunks.
@Suite("Decoding: UTF-8 validation of mixed text in blocks")
struct DecodingUTF8BlockTests {
    /// The offset of the first invalid sequence or forbidden control, one byte at a time.
    static func reference(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            let lead = bytes[i]
            if lead < 0x80 {
                if lead < 0x20 && lead != 0x09 && lead != 0x0A && lead != 0x0D { return i }
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: (length, low) = (3, 0xA0)
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: (length, high) = (3, 0x9F)
            case 0xF0: (length, low) = (4, 0x90)
            case 0xF1...0xF3: length = 4
            case 0xF4: (length, high) = (4, 0x8F)
            default: return i
            }
            for k in 1..<length {
                guard i + k < bytes.count, bytes[i + k] >= low, bytes[i + k] <= high else { return i }
                (low, high) = (0x80, 0xBF)
            }
            i += length
        }
        return nil
    }

    /// Pieces text is made of: ASCII, allowed controls, Vietnamese letters in two and three
    /// bytes, the boundary sequences of each lead byte with a narrower range, four bytes.
    static let pieces: [[UInt8]] = [
        [0x61], [0x4E], [0x20], [0x2C], [0x0A], [0x0D], [0x09], [0x22],
        Array("â".utf8), Array("ư".utf8), Array("Đ".utf8), Array("ơ".utf8), Array("ệ".utf8),
        Array("ấ".utf8), Array("ữ".utf8), Array("Ạ".utf8), Array("₫".utf8), Array("–".utf8),
        [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
        [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF1, 0x80, 0x80, 0x80],
    ]

    /// Single bytes that break text where they land.
    static let breakers: [UInt8] = [
        0x00, 0x01, 0x0B, 0x1F, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
        0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF3, 0xF4, 0xF5, 0xF8, 0xFF, 0x41,
    ]

    static func text(_ generator: inout SplitMix, pieces count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<count {
            bytes += pieces.randomElement(using: &generator) ?? [0x61]
        }
        return bytes
    }

    @Test("agrees with the byte-by-byte reading on random mixed text, whole and split")
    func randomText() {
        var generator = SplitMix(seed: 0x1EF1)
        for round in 0..<20_000 {
            var bytes = Self.text(&generator, pieces: Int.random(in: 0...40, using: &generator))
            // Most rounds break the text: a byte replaced, inserted or cut off.
            switch round % 4 {
            case 0 where !bytes.isEmpty:
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] =
                    Self.breakers.randomElement(using: &generator) ?? 0
            case 1:
                bytes.insert(
                    Self.breakers.randomElement(using: &generator) ?? 0,
                    at: Int.random(in: 0...bytes.count, using: &generator))
            case 2 where !bytes.isEmpty:
                bytes.removeLast(Int.random(in: 1...min(3, bytes.count), using: &generator))
            default: break
            }
            let expected = Self.reference(bytes)
            #expect(DecodingHarness.validate(bytes) == expected, "\(bytes.map { String($0, radix: 16) })")
            let split = Int.random(in: 0...bytes.count, using: &generator)
            #expect(
                DecodingHarness.validate(bytes, splits: [split]) == expected,
                "split at \(split): \(bytes.map { String($0, radix: 16) })")
        }
    }

    @Test("every breaking byte at every offset of mixed text, at every alignment")
    func everyOffset() {
        let line = Array(("Tập huấn mạng nội bộ của cơ quan,tháng,Dự toán bổ sung\r\n" + "\tĐơn giá ₫ – ư\n").utf8)
        for padding in 0..<18 {
            let text = Array(repeating: UInt8(ascii: "x"), count: padding) + line
            #expect(DecodingHarness.validate(text) == nil)
            for offset in text.indices {
                for bad in Self.breakers {
                    var bytes = text
                    bytes[offset] = bad
                    #expect(
                        DecodingHarness.validate(bytes) == Self.reference(bytes),
                        "0x\(String(bad, radix: 16)) at \(offset), padding \(padding)")
                }
            }
        }
    }

    @Test("a sequence cut off by the end of the text, ending at every offset of a block")
    func cutAtTheEnd() {
        for padding in 0..<40 {
            for piece in Self.pieces where piece.count > 1 {
                let head = Array(repeating: UInt8(ascii: "a"), count: padding) + Array("ệ".utf8)
                for keep in 1..<piece.count {
                    let bytes = head + piece.prefix(keep)
                    #expect(DecodingHarness.validate(bytes) == head.count, "\(piece) cut to \(keep)")
                    #expect(DecodingHarness.validate(bytes + [0x61]) == head.count)
                    #expect(DecodingHarness.validate(bytes + Array("ạ bcdefgh".utf8)) == head.count)
                    let longer = bytes + Array("ạ bcdefgh ư ijklmn ổ opqrstuvwxyz".utf8)
                    #expect(DecodingHarness.validate(longer) == head.count)
                }
                #expect(DecodingHarness.validate(head + piece + Array("ạ bcdefgh".utf8)) == nil)
            }
        }
    }
}
