import BudgetCore
import BudgetTestSupport
import Foundation
import Testing

@testable import BudgetIntake

/// ``FoldKeyCache`` gives ``TextBytes/foldKey(_:_:)`` whether it hits, misses, or two
/// texts share a slot.
@Suite("Description key cache")
struct FoldKeyCacheTests {
    static let keyer = Folding.CaseAndSpaceKeyer()

    static func direct(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { TextBytes.foldKey($0, keyer) }
    }

    static func cached(_ bytes: [UInt8], _ cache: FoldKeyCache) -> UInt64 {
        bytes.withUnsafeBufferPointer { cache.key($0, keyer) }
    }

    /// Descriptions of every length around the cache's bounds, with case, spacing, NFD,
    /// controls and non-Vietnamese text, each with and without spaces around it.
    static let texts: [String] = {
        let words = [
            "Tổ", "chức", "HỘI", "nghị", "tập", "huấn", "Đắk", "Glei", "e\u{0301}", "ǅ", "İ", "ß", "中文", "🙂", "a",
        ]
        var texts = ["", " ", "\u{00A0}x\u{3000}", "Ab", "  Chi phí  đi lại ", "x\ty", "Ω", "ÀÁÂ"]
        var generator = SplitMix(seed: 0xF01D)
        for length in 0..<140 {
            var text = ""
            while text.utf8.count < length {
                text += (text.isEmpty ? "" : Bool.random(using: &generator) ? " " : "  ")
                text += words.randomElement(using: &generator) ?? "a"
            }
            texts.append(text)
            texts.append(" " + text + "\u{2003}")
        }
        return texts
    }()

    @Test("every text keys as it does without the cache, the first time and again")
    func sameKeys() {
        let cache = FoldKeyCache()
        for round in 0..<3 {
            for text in Self.texts {
                let bytes = Array(text.utf8)
                #expect(Self.cached(bytes, cache) == Self.direct(bytes), "round \(round): \(text.debugDescription)")
            }
        }
    }

    @Test("the cache starts small and grows with what it stores, up to its size, keys unchanged throughout")
    func grows() {
        let cache = FoldKeyCache(slotBits: 14)
        #expect(cache.slotCount == 1 << FoldKeyCache.initialSlotBits)
        var sizes: [Int] = [cache.slotCount]
        for round in 0..<2 {
            for number in 0..<40_000 {
                let bytes = Array("Mục chi số \(number) – Tập huấn".utf8)
                #expect(Self.cached(bytes, cache) == Self.direct(bytes), "round \(round), \(number)")
                if sizes.last != cache.slotCount { sizes.append(cache.slotCount) }
            }
        }
        #expect(sizes == [1 << 10, 1 << 12, 1 << 14])
        // A cache smaller than the start is its own size from the first.
        #expect(FoldKeyCache(slotBits: 4).slotCount == 16)
    }

    @Test("texts that share a slot keep their own keys", arguments: [0, 1, 4])
    func sharedSlot(slotBits: Int) {
        // With one to sixteen slots, nearly every text shares its slot with others.
        let cache = FoldKeyCache(slotBits: slotBits)
        for length in [8, 9, 15, 16, 17, 24, 40, 63, 64, 65, 95, 96, 200] {
            let base = Array(repeating: UInt8(ascii: "a"), count: length)
            var variants = [base]
            for position in 0..<length {
                var changed = base
                changed[position] = UInt8(ascii: "B")
                variants.append(changed)
            }
            for _ in 0..<2 {
                for bytes in variants {
                    #expect(Self.cached(bytes, cache) == Self.direct(bytes), "\(length): \(bytes)")
                }
            }
            // Equal texts under the fold (case) have equal keys, different ones do not.
            #expect(Self.cached(variants[1], cache) != Self.cached(variants[0], cache))
        }
    }

    @Test("the hash of the bytes tells apart texts that differ in one byte anywhere, or only in length")
    func hashes() {
        var seen: Set<UInt64> = []
        var count = 0
        for length in 8..<80 {
            let base = Array(repeating: UInt8(ascii: "a"), count: length)
            for position in 0..<length {
                for byte in [UInt8(ascii: "b"), 0xC3] {
                    var changed = base
                    changed[position] = byte
                    seen.insert(changed.withUnsafeBufferPointer { FoldKeyCache.hash($0.baseAddress!, length) })
                    count += 1
                }
            }
            seen.insert(base.withUnsafeBufferPointer { FoldKeyCache.hash($0.baseAddress!, length) })
            count += 1
        }
        #expect(seen.count == count)
    }

    @Test("a field at the very end of its buffer is read within it")
    func endOfBuffer() {
        let cache = FoldKeyCache()
        for text in Self.texts {
            let bytes = Array(text.utf8)
            let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
            defer { pointer.deallocate() }
            pointer.initialize(from: bytes, count: bytes.count)
            let field = UnsafeBufferPointer(start: pointer, count: bytes.count)
            #expect(cache.key(field, Self.keyer) == Self.direct(bytes))
            #expect(cache.key(field, Self.keyer) == Self.direct(bytes))
        }
    }
}

extension FoldKeyCacheTests {
    @Test("descriptions that never repeat, then ones that do: every key as without the cache")
    func restsAndResumes() {
        let cache = FoldKeyCache()
        let repeating = Self.texts.map { Array($0.utf8) }
        // Enough unique texts for the cache to find it misses and rest, and to resume.
        let count = FoldKeyCache.window * 2 + FoldKeyCache.restAfterMisses + 1000
        for n in 0..<count {
            let bytes = Array("Mua sắm thiết bị lần \(n)".utf8)
            if Self.cached(bytes, cache) != Self.direct(bytes) {
                Issue.record("unique text \(n)")
                return
            }
            if n % 97 == 0 {
                let again = repeating[n % repeating.count]
                #expect(Self.cached(again, cache) == Self.direct(again))
            }
        }
        for _ in 0..<2 {
            for bytes in repeating { #expect(Self.cached(bytes, cache) == Self.direct(bytes)) }
        }
    }
}
