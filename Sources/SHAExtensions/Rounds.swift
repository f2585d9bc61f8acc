#if BUDGET_SHA_NI && arch(x86_64)
    import _Builtin_intrinsics.intel

    /// The rounds, four at a time: each 128-bit register holds four message words or two
    /// halves of the state, laid out as the instructions want them — `ABEF` and `CDGH`
    /// (A in the highest lane), each `sha256rnds2` doing two rounds.
    enum Rounds {
        /// The round constants, four to a register, lowest round in the lowest lane.
        static let constants: [__m128i] = stride(from: 0, to: 64, by: 4).map { t in
            _mm_set_epi32(
                Int32(bitPattern: k[t + 3]), Int32(bitPattern: k[t + 2]), Int32(bitPattern: k[t + 1]),
                Int32(bitPattern: k[t]))
        }

        /// FIPS 180-4 §4.2.2 (the same table as BudgetCore's portable code).
        static let k: [UInt32] = [
            0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
            0xab1c_5ed5, 0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe,
            0x9bdc_06a7, 0xc19b_f174, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f,
            0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da, 0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7,
            0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc,
            0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85, 0xa2bf_e8a1, 0xa81a_664b,
            0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070, 0x19a4_c116,
            0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
            0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
            0xc671_78f2,
        ]

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
