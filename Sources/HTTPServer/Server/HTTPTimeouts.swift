#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#endif

/// A point on a monotonic clock, in nanoseconds from an arbitrary origin.
///
/// Deadlines are compared on this and never on wall-clock time, which can jump. A plain
/// number so that tests can make any instant they need without waiting for it.
public struct HTTPMonotonicInstant: Sendable, Hashable, Comparable {
    /// Nanoseconds from the clock's origin (boot, for the system clock).
    public var nanoseconds: UInt64
    /// An instant at this reading; tests make any they need.
    public init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// This instant moved later by `duration` (saturating; negative durations count as zero).
    public func advanced(by duration: Duration) -> Self {
        let (sum, overflow) = nanoseconds.addingReportingOverflow(duration.clampedNanoseconds)
        return Self(nanoseconds: overflow ? .max : sum)
    }

    /// This instant moved later by `nanoseconds` (saturating).
    func advanced(byNanoseconds delta: UInt64) -> Self {
        let (sum, overflow) = nanoseconds.addingReportingOverflow(delta)
        return Self(nanoseconds: overflow ? .max : sum)
    }
}

/// Where the server reads the time from; injected so that deadline logic is tested with
/// made-up instants (the style of the project: one type reads the real clock).
public protocol HTTPMonotonicTimeSource: Sendable {
    func now() -> HTTPMonotonicInstant
}

/// The system's monotonic clock (`CLOCK_MONOTONIC`).
public struct HTTPSystemTimeSource: HTTPMonotonicTimeSource {
    public init() {}
    public func now() -> HTTPMonotonicInstant {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return HTTPMonotonicInstant(nanoseconds: UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec))
    }
}

/// How long each phase of a connection may take; defaults fit a portal on the public
/// internet that receives spreadsheets of a few megabytes, sometimes over slow links.
///
/// Deadlines that bytes do not move (head, body) stop a client that trickles bytes from
/// holding a thread forever; progress-based ones (write) let a slow reader finish a large
/// download as long as it keeps reading.
public struct HTTPTimeouts: Sendable, Equatable {
    /// A connection with no request under way (new, or kept alive between requests) is
    /// closed, silently, after this.
    public var idle: Duration
    /// The whole head must arrive within this of its first byte; later bytes do not extend it.
    public var head: Duration
    /// The body must arrive within `bodyBase + contentLength / bodyMinimumBytesPerSecond`
    /// of the handler's first read (so 30 s plus 1 s per 64 KiB by default: 64 MiB may
    /// take 17.5 minutes, a one-byte-per-second sender is cut off).
    public var bodyBase: Duration
    /// The slowest upload rate the body deadline allows for (see ``bodyBase``).
    public var bodyMinimumBytesPerSecond: Int64
    /// A write that makes no progress for this long (the client stopped reading) ends the
    /// connection; each byte taken by the kernel starts the period again.
    public var write: Duration
    /// After the last response of a connection the server stops sending and reads (and
    /// discards) what the client still sends for up to this long, so that closing does not
    /// reset the connection before the client has read the response.
    public var linger: Duration
    /// ``HTTPServer/stop()`` lets requests under way finish for up to this long, then
    /// shuts their sockets.
    public var shutdownGrace: Duration

    public init(
        idle: Duration = .seconds(30), head: Duration = .seconds(30), bodyBase: Duration = .seconds(30),
        bodyMinimumBytesPerSecond: Int64 = 64 * 1024, write: Duration = .seconds(30), linger: Duration = .seconds(2),
        shutdownGrace: Duration = .seconds(10)
    ) {
        self.idle = idle
        self.head = head
        self.bodyBase = bodyBase
        self.bodyMinimumBytesPerSecond = bodyMinimumBytesPerSecond
        self.write = write
        self.linger = linger
        self.shutdownGrace = shutdownGrace
    }

    /// The time a body of `length` bytes is allowed: ``bodyBase`` plus length at the minimum rate.
    public func bodyAllowance(length: Int64) -> Duration {
        let rate = max(1, bodyMinimumBytesPerSecond)
        let seconds = max(0, length) / rate
        let remainder = max(0, length) % rate
        let fraction = Duration.nanoseconds(Int64(Double(remainder) / Double(rate) * 1e9))
        return bodyBase + .seconds(seconds) + fraction
    }
}

/// The deadline of a connection's current phase: a pure function of the instants it is
/// told, so that the socket loop only asks it how long to wait.
///
/// The loop tells it what happened (`requestAwaited`, `headBytesArrived`, …) with the time
/// it happened, and asks ``decision(at:)`` before each `poll`; no decision reads a clock.
public struct HTTPConnectionDeadline: Sendable, Equatable {
    /// What the connection is waiting for.
    public enum Phase: Sendable, Equatable {
        /// The first byte of the next request.
        case idle
        /// The rest of a head whose first byte came.
        case head
        /// A request body.
        case body
        /// The client to take more of a response.
        case write
        /// The client to close after the last response.
        case linger
    }

    /// What the loop should do now.
    public enum Decision: Sendable, Equatable {
        /// Wait at most this many milliseconds (rounded up, so a wake-up is never early),
        /// then ask again.
        case wait(milliseconds: Int32)
        /// The phase's deadline has passed.
        case expired(Phase)
    }

    /// The durations the deadlines are made from.
    public let timeouts: HTTPTimeouts
    /// What the connection waits for now: says which timeout applies.
    public private(set) var phase: Phase
    /// When the current phase runs out.
    public private(set) var deadline: HTTPMonotonicInstant

    /// A connection accepted at `now`, waiting for its first request.
    public init(timeouts: HTTPTimeouts, acceptedAt now: HTTPMonotonicInstant) {
        self.timeouts = timeouts
        phase = .idle
        deadline = now.advanced(by: timeouts.idle)
    }

    /// The previous exchange ended at `now`; the next request may take ``HTTPTimeouts/idle`` to start.
    public mutating func requestAwaited(at now: HTTPMonotonicInstant) {
        phase = .idle
        deadline = now.advanced(by: timeouts.idle)
    }

    /// Head bytes arrived at `now`. The first ones start the head deadline; later ones
    /// change nothing (a byte every two seconds does not keep a head alive).
    public mutating func headBytesArrived(at now: HTTPMonotonicInstant) {
        guard phase == .idle else { return }
        phase = .head
        deadline = now.advanced(by: timeouts.head)
    }

    /// The handler started reading a body of `length` bytes at `now` (or the server started
    /// draining that many).
    public mutating func bodyStarted(at now: HTTPMonotonicInstant, length: Int64) {
        phase = .body
        deadline = now.advanced(by: timeouts.bodyAllowance(length: length))
    }

    /// The kernel took response bytes at `now` (or a write is about to start).
    public mutating func writeProgressed(at now: HTTPMonotonicInstant) {
        phase = .write
        deadline = now.advanced(by: timeouts.write)
    }

    /// The last response was sent at `now`; the server waits for the client to close.
    public mutating func lingerStarted(at now: HTTPMonotonicInstant) {
        phase = .linger
        deadline = now.advanced(by: timeouts.linger)
    }

    /// How long to wait at `now`, or that the deadline has passed.
    public func decision(at now: HTTPMonotonicInstant) -> Decision {
        guard now < deadline else { return .expired(phase) }
        let remaining = deadline.nanoseconds - now.nanoseconds
        let milliseconds = remaining / 1_000_000 + (remaining % 1_000_000 == 0 ? 0 : 1)
        return .wait(milliseconds: Int32(clamping: milliseconds))
    }
}

extension Duration {
    /// Nanoseconds of a duration, negative ones as zero, huge ones as `UInt64.max`.
    var clampedNanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return .max }
        let (sum, overflow2) = whole.addingReportingOverflow(UInt64(max(0, attoseconds / 1_000_000_000)))
        return overflow2 ? .max : sum
    }
}
