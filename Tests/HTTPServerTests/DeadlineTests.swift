import HTTPServer
import Testing

/// Instants in seconds from an arbitrary origin of 1000 s, exact to the microsecond (so
/// that 30.999 s is not 30.998999… s).
func at(_ seconds: Double) -> HTTPMonotonicInstant {
    HTTPMonotonicInstant(nanoseconds: 1_000_000_000_000 + UInt64((seconds * 1e6).rounded()) * 1000)
}

@Suite("Deadlines (pure, on an injected clock)")
struct DeadlineTests {
    let timeouts = HTTPTimeouts()

    @Test("a head trickled one byte every 2 s is cut off 30 s after its first byte, not reset by later bytes")
    func trickledHead() {
        var deadline = HTTPConnectionDeadline(timeouts: timeouts, acceptedAt: at(0))
        var now = 1.0
        deadline.headBytesArrived(at: at(now))
        while now < 29 {
            now += 2
            deadline.headBytesArrived(at: at(now))
            #expect(deadline.decision(at: at(now)) != .expired(.head), "at \(now) s")
        }
        #expect(deadline.decision(at: at(30.999)) == .wait(milliseconds: 1))
        #expect(deadline.decision(at: at(31)) == .expired(.head))
        #expect(deadline.decision(at: at(45)) == .expired(.head))
    }

    @Test("a connection that sends nothing is idle-expired 30 s after it was accepted or its last response")
    func idle() {
        var deadline = HTTPConnectionDeadline(timeouts: timeouts, acceptedAt: at(0))
        #expect(deadline.phase == .idle)
        #expect(deadline.decision(at: at(0)) == .wait(milliseconds: 30_000))
        #expect(deadline.decision(at: at(30)) == .expired(.idle))
        deadline.requestAwaited(at: at(100))
        #expect(deadline.decision(at: at(129.5)) == .wait(milliseconds: 500))
        #expect(deadline.decision(at: at(130)) == .expired(.idle))
    }

    @Test("the wait is rounded up to the next millisecond, so a wake-up is never early")
    func roundingUp() {
        let deadline = HTTPConnectionDeadline(timeouts: HTTPTimeouts(idle: .milliseconds(2)), acceptedAt: at(0))
        #expect(deadline.decision(at: at(0.0005)) == .wait(milliseconds: 2))
        #expect(deadline.decision(at: at(0.0015)) == .wait(milliseconds: 1))
    }

    @Test(
        "the body may take 30 s plus its length at 64 KiB/s",
        arguments: [
            (0, Duration.seconds(30)),
            (64 * 1024, .seconds(31)),
            (96 * 1024, .milliseconds(31_500)),
            (64 * 1024 * 1024, .seconds(30 + 1024)),
        ] as [(Int64, Duration)])
    func bodyAllowance(_ length: Int64, _ allowance: Duration) {
        #expect(timeouts.bodyAllowance(length: length) == allowance)
    }

    @Test("a body deadline runs from the first read and is not extended by bytes arriving")
    func bodyDeadline() {
        var deadline = HTTPConnectionDeadline(timeouts: timeouts, acceptedAt: at(0))
        deadline.headBytesArrived(at: at(1))
        deadline.bodyStarted(at: at(2), length: 640 * 1024)
        #expect(deadline.phase == .body)
        deadline.headBytesArrived(at: at(10))
        #expect(deadline.decision(at: at(41.9)) == .wait(milliseconds: 100))
        #expect(deadline.decision(at: at(42)) == .expired(.body))
    }

    @Test("a write deadline moves with each progress: a slow reader is served, a stalled one cut")
    func writeProgress() {
        var deadline = HTTPConnectionDeadline(timeouts: timeouts, acceptedAt: at(0))
        for second in stride(from: 0.0, through: 300, by: 20) {
            deadline.writeProgressed(at: at(second))
            #expect(deadline.decision(at: at(second + 19)) == .wait(milliseconds: 11_000))
        }
        #expect(deadline.decision(at: at(330)) == .expired(.write))
    }

    @Test("lingering after the last response is bounded by 2 s")
    func linger() {
        var deadline = HTTPConnectionDeadline(timeouts: timeouts, acceptedAt: at(0))
        deadline.lingerStarted(at: at(5))
        #expect(deadline.decision(at: at(6)) == .wait(milliseconds: 1000))
        #expect(deadline.decision(at: at(7)) == .expired(.linger))
    }

    @Test("instants saturate instead of overflowing")
    func saturating() {
        let late = HTTPMonotonicInstant(nanoseconds: .max - 5)
        #expect(late.advanced(by: .seconds(10)).nanoseconds == .max)
        #expect(at(0).advanced(by: .seconds(-5)) == at(0))
        let deadline = HTTPConnectionDeadline(timeouts: HTTPTimeouts(idle: .seconds(1_000_000_000)), acceptedAt: at(0))
        #expect(deadline.decision(at: at(0)) == .wait(milliseconds: .max))
    }
}
