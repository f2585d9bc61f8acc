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
