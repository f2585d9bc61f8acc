#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A system call on an output file failed: which call, on which path, and `errno`.
///
/// The engine maps this to its "could not write" exit; the description is a sentence a
/// user can act on ("No space left on device").
public struct FileSinkError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The step that failed.
    public enum Operation: String, Sendable {
        case open, write, patch, sync, close
    }

    public var operation: Operation
    public var path: String
    /// The `errno` the call left.
    public var code: Int32

    public init(_ operation: Operation, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    public var description: String {
        let reason = strerror(code).map { String(cString: $0) } ?? "error"
        return "cannot \(operation.rawValue) \(path): \(reason) (errno \(code))"
    }
}
