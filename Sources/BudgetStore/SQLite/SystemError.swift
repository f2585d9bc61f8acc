#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `errno` values read and classified in one place, so that the mapping to a
/// ``StoreError/Kind`` is the same for SQLite's errors and the store's own file calls.
enum SystemError {
    /// The error number of the last failed system call on this thread.
    static var current: Int32 { errno }

    /// The C library's description of `code`, such as "Permission denied".
    static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }

    /// The store's kind for an `errno`, or `nil` when it is an ordinary I/O failure.
    static func classify(_ code: Int32) -> StoreError.Kind? {
        switch code {
        case EACCES, EPERM, EROFS: .permissionDenied
        case ENOSPC, EDQUOT: .diskFull
        case 0: nil
        default: .io
        }
    }
}
