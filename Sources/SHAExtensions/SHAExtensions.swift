/// SHA-256 compression with the processor's SHA extensions (Intel SHA-NI: `sha256rnds2`,
/// `sha256msg1`, `sha256msg2`), for the x86-64 processors that have them.
///
/// Why a module of its own: the instructions are reached through Clang's intrinsics, and
/// the compiler emits them only for code built with the features enabled (`-Xcc -msha`
/// and the SSE levels they come with), which `Package.swift` gives this module alone, on
/// Linux x86-64 hosts. Any code here may therefore use those instructions, so nothing here
/// runs before the caller has asked the processor: BudgetCore's `SHA256` reads the
/// processor's flags itself and calls ``compress(_:blocks:count:)`` only when ``isCompiled``
/// and the flags say yes, and its portable code otherwise. Measured on this project's
/// machine: the portable code hashes about 150 MB/s (as `sha256sum` does), the extensions
/// well over 1 GB/s; `package` of a thousand-agency round hashes 450 MB.
///
/// Elsewhere (macOS, other processors, a build without the flags) ``isCompiled`` is false
/// and the module holds no instructions.
public enum SHAExtensions {
    #if BUDGET_SHA_NI && arch(x86_64)
        /// Whether this build has the code that uses the extensions.
        public static let isCompiled = true
    #else
        public static let isCompiled = false
    #endif

    /// The round constants: the first 32 bits of the fractional parts of the cube roots of
    /// the first 64 primes (FIPS 180-4 §4.2.2). Kept here, the lower of the two modules,
    /// for both: these rounds and BudgetCore's portable ones.
    public static let roundConstants: [UInt32] = [
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

    /// Compresses `count` 64-byte blocks at `blocks` into `state` (H0…H7, FIPS 180-4).
    /// Call only when ``isCompiled`` and the processor has the SHA extensions, SSE4.1 and
    /// SSSE3.
    public static func compress(
        _ state: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
        blocks: UnsafeRawPointer, count: Int
    ) {
        #if BUDGET_SHA_NI && arch(x86_64)
            Rounds.compress(&state, blocks: blocks, count: count)
        #else
            preconditionFailure("SHA extensions are not compiled in")
        #endif
    }
}
