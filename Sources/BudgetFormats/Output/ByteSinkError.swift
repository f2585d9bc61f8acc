/// A sink used in a way it cannot honour; a bug in the caller, reported instead of
/// trapping.
public enum ByteSinkError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A patch of `count` bytes at `offset` reaches past `end`, the bytes written so far.
    case patchOutOfRange(offset: UInt64, count: Int, end: UInt64)
    /// A write or patch after the sink was finished.
    case finished

    public var description: String {
        switch self {
        case let .patchOutOfRange(offset, count, end):
            return "cannot patch \(count) bytes at offset \(offset): only \(end) bytes written"
        case .finished:
            return "cannot write: the output was already finished"
        }
    }
}
