/// Sixteen bytes at a time, for text that mixes ASCII with two- and three-byte letters
/// (Vietnamese: one every few bytes), where going from sequence to sequence cost more
/// than the rest of reading a line.
///
/// A block needs no per-sequence work when every byte is one of: ASCII other than a
/// forbidden control; a lead byte whose second byte may be any continuation byte (C2–DF,
/// E1–EC, EE, EF); or a continuation byte. Such bytes are well formed exactly when the
/// continuation bytes are the bytes one after a lead byte or two after a three-byte lead
/// — which compares each byte with the one and two before it, so the block is loaded
/// again one and two bytes earlier instead of shifting bytes across lanes. Anything
/// else (C0, C1, E0, ED, F0–FF, a forbidden control, a misplaced byte) stops the blocks
/// and leaves the bytes to the per-sequence path, which finds and reports the offset.
extension UTF8Validator {
    /// Where the per-sequence path must go on after the blocks from `start` (a sequence
    /// boundary with at least two bytes of the chunk before it): every byte before the
    /// returned index is well formed text, and the index is again a sequence boundary.
    /// Returns `start` when not even the first block passes.
    @inline(__always)
    static func afterPlainBlocks(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        typealias Block = SIMD16<UInt8>
        // Vector against vector throughout: those operators are the ones that map straight
        // to vector instructions (a scalar operand went lane by lane).
        let x80 = Block(repeating: 0x80), xC0 = Block(repeating: 0xC0), xE0 = Block(repeating: 0xE0)
        let xF0 = Block(repeating: 0xF0), xED = Block(repeating: 0xED), xFE = Block(repeating: 0xFE)
        let x20 = Block(repeating: 0x20), tab = Block(repeating: 0x09), lf = Block(repeating: 0x0A)
        let cr = Block(repeating: 0x0D)
        let raw = UnsafeRawPointer(base)
        /// The lanes of the block at `index` that are not plain, as two words (a mask is
        /// sixteen lanes of 0 or all ones; `any(_:)` reduced lane by lane in a generic call).
        @inline(__always) func notPlain(at index: Int) -> SIMD2<UInt64> {
            let bytes = raw.loadUnaligned(fromByteOffset: index, as: Block.self)
            let previous = raw.loadUnaligned(fromByteOffset: index &- 1, as: Block.self)
            let second = raw.loadUnaligned(fromByteOffset: index &- 2, as: Block.self)
            let continuation = (bytes & xC0) .== x80
            // A four-byte lead two back needs no test: F0–FF never pass (below), and the
            // bytes before `start` end their sequences.
            let expected = (previous .>= xC0) .| (second .>= xE0)
            let unusual = (bytes .>= xF0) .| ((bytes & xFE) .== xC0) .| (bytes .== xE0) .| (bytes .== xED)
            let control = (bytes .< x20) .& (bytes .!= tab) .& (bytes .!= lf) .& (bytes .!= cr)
            return unsafeBitCast((continuation .^ expected) .| unusual .| control, to: SIMD2<UInt64>.self)
        }
        var index = start
        // Two blocks per test while both pass; then one, to stop at the first that does not.
        while count &- index >= 32 {
            let bad = notPlain(at: index) | notPlain(at: index &+ 16)
            if bad[0] | bad[1] != 0 { break }
            index &+= 32
        }
        while count &- index >= 16 {
            let bad = notPlain(at: index)
            if bad[0] | bad[1] != 0 { break }
            index &+= 16
        }
        guard index > start else { return start }
        // The block boundary may split a sequence: go back to its lead byte (at most two
        // back, as no four-byte sequence passed), which the per-sequence path checks again
        // with the bytes that follow.
        for back in 1...2 {
            let byte = base[index - back]
            if byte < 0x80 { break }
            if byte >= 0xC0 {
                if (byte >= 0xE0 ? 3 : 2) > back { return index - back }
                break
            }
        }
        return index
    }
}
