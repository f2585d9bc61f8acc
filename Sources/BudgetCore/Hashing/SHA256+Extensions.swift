import Foundation
import SHAExtensions

extension SHA256 {
    /// Whether ``compress(_:blocks:count:)`` uses the processor's SHA extensions: built in
    /// (``SHAExtensions/isCompiled``) and reported by the processor.
    ///
    /// The one read of the machine in this module, made once: which instructions the
    /// processor has is a fact of the machine the hash runs on, and asking must happen
    /// outside `SHAExtensions`, whose code may itself use them. Linux reports them in
    /// `/proc/cpuinfo` (`sha_ni`, `sse4_1`, `ssse3`); anything unreadable means no.
    static let usesExtensions: Bool = {
        guard SHAExtensions.isCompiled else { return false }
        #if os(Linux)
            guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
                let flags = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
            else { return false }
            let names = Set(flags.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ":" }))
            return names.isSuperset(of: ["sha_ni", "sse4_1", "ssse3"])
        #else
            return false
        #endif
    }()
}
