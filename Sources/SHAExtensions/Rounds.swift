#if BUDGET_SHA_NI && arch(x86_64)
    import _Builtin_intrinsics.intel

    /// The rounds, four at a time: each 128-bit register holds four message words or two
    /// halves of the state, laid out as the instructions want them — `ABEF` and `CDGH`
    /// (A in the highest lane), each `sha256rnds2` doing two rounds.
    enum Rounds {
        /// The round constants, four to a register, lowest round in the lowest lane.
        static let constants: [__m128i] = stride(from: 0, to: 64, by: 4).map { t in
            let k = SHAExtensions.roundConstants
            return _mm_set_epi32(
                Int32(bitPattern: k[t + 3]), Int32(bitPattern: k[t + 2]), Int32(bitPattern: k[t + 1]),
                Int32(bitPattern: k[t]))
        }

        static func compress(
            _ h: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
            blocks: UnsafeRawPointer, count: Int
        ) {
            func lanes(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32) -> __m128i {
                _mm_set_epi32(Int32(bitPattern: a), Int32(bitPattern: b), Int32(bitPattern: c), Int32(bitPattern: d))
            }
            // ABEF and CDGH, A and C in the highest lanes.
            var abef = lanes(h.0, h.1, h.4, h.5)
            var cdgh = lanes(h.2, h.3, h.6, h.7)
            // Loads each big-endian word into a lane, first word lowest.
            let byteSwap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3)
            constants.withUnsafeBufferPointer { kk in
                for index in 0..<count {
                    let block = blocks + index * 64
                    let savedABEF = abef
                    let savedCDGH = cdgh
                    var w = (
                        _mm_shuffle_epi8(block.loadUnaligned(as: __m128i.self), byteSwap),
                        _mm_shuffle_epi8(block.loadUnaligned(fromByteOffset: 16, as: __m128i.self), byteSwap),
                        _mm_shuffle_epi8(block.loadUnaligned(fromByteOffset: 32, as: __m128i.self), byteSwap),
                        _mm_shuffle_epi8(block.loadUnaligned(fromByteOffset: 48, as: __m128i.self), byteSwap)
                    )
                    // Four rounds with the message words `words`.
                    @inline(__always) func fourRounds(_ words: __m128i, _ group: Int) {
                        let wk = _mm_add_epi32(words, kk[group])
                        // Two rounds give the new ABEF; the old ABEF is the new CDGH. So the
                        // second pair of rounds (the upper two sums) reads them crosswise,
                        // and the names hold their roles again after it.
                        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk)
                        abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_unpackhi_epi64(wk, wk))
                    }
                    /// The next four message words from the last sixteen (w.0 oldest):
                    /// W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16].
                    @inline(__always) func schedule() -> __m128i {
                        // W[t-7…t-4]: the last three words of w.2 and the first of w.3.
                        let older = unsafeBitCast(w.2, to: SIMD4<UInt32>.self)
                        let newer = unsafeBitCast(w.3, to: SIMD4<UInt32>.self)
                        let middle = unsafeBitCast(
                            SIMD4<UInt32>(older[1], older[2], older[3], newer[0]), to: __m128i.self)
                        let partial = _mm_add_epi32(_mm_sha256msg1_epu32(w.0, w.1), middle)
                        return _mm_sha256msg2_epu32(partial, w.3)
                    }
                    fourRounds(w.0, 0)
                    fourRounds(w.1, 1)
                    fourRounds(w.2, 2)
                    fourRounds(w.3, 3)
                    for group in 4..<16 {
                        let next = schedule()
                        w = (w.1, w.2, w.3, next)
                        fourRounds(next, group)
                    }
                    abef = _mm_add_epi32(abef, savedABEF)
                    cdgh = _mm_add_epi32(cdgh, savedCDGH)
                }
            }
            func lane(_ v: __m128i, _ n: Int) -> UInt32 {
                withUnsafeBytes(of: v) { $0.load(fromByteOffset: 4 * n, as: UInt32.self) }
            }
            h = (
                lane(abef, 3), lane(abef, 2), lane(cdgh, 3), lane(cdgh, 2), lane(abef, 1), lane(abef, 0),
                lane(cdgh, 1), lane(cdgh, 0)
            )
        }
    }
#endif
