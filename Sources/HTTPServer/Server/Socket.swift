#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#endif

/// An IP address and port, as text and number: what a handler logs and what a test connects to.
public struct HTTPSocketAddress: Sendable, Hashable, CustomStringConvertible {
    /// The IP address in its canonical text (`127.0.0.1`, `::1`); an IPv4 client reaching
    /// an IPv6 listener is shown as IPv4, not `::ffff:…`.
    public var host: String
    /// The TCP port (the actual one after binding port 0).
    public var port: UInt16

    /// An address from its parts (tests and handlers that log).
    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// `host:port`, with brackets around IPv6 hosts.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// A system call failed; `errno` says why.
public struct HTTPSystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The failing call (`bind`, `listen`, …), for the message.
    public var call: String
    /// The error number, for a caller that handles some (EADDRINUSE: try another port).
    public var errno: Int32
    public init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }
    public var description: String { "\(call): \(String(cString: strerror(errno))) (errno \(errno))" }
}

/// The POSIX calls of the server, in one place: the only file that knows the platforms differ.
enum Socket {
    #if canImport(Darwin)
        static let streamType = SOCK_STREAM
        static let sendFlags: Int32 = 0
    #else
        static let streamType = Int32(SOCK_STREAM.rawValue)
        static let sendFlags = Int32(MSG_NOSIGNAL)
    #endif

    /// Ignores SIGPIPE for the whole process: a client that disconnects mid-write must cost
    /// an EPIPE, not the process (`MSG_NOSIGNAL`/`SO_NOSIGPIPE` cover the server's own
    /// sockets; this covers everything else the process writes to).
    static func ignoreSIGPIPE() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// A listening socket bound to an IP literal and port (0: any free port).
    static func listen(host: String, port: UInt16, backlog: Int32) throws -> Int32 {
        var storage = sockaddr_storage()
        var length: socklen_t
        var family: Int32
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            family = AF_INET
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr = v4
            #if canImport(Darwin)
                address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
            #endif
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeBytes(of: address) { source in
                withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) }
            }
        } else if inet_pton(AF_INET6, host, &v6) == 1 {
            family = AF_INET6
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            address.sin6_addr = v6
            #if canImport(Darwin)
                address.sin6_len = UInt8(MemoryLayout<sockaddr_in6>.size)
            #endif
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            withUnsafeBytes(of: address) { source in
                withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) }
            }
        } else {
            throw HTTPServerError.invalidHost(host)
        }
        let fd = socket(family, streamType, 0)
        guard fd >= 0 else { throw HTTPSystemError(call: "socket", errno: errno) }
        do {
            setCloseOnExec(fd)
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            let bound = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
            }
            guard bound == 0 else { throw HTTPSystemError(call: "bind", errno: errno) }
            guard Glibc_or_Darwin_listen(fd, backlog) == 0 else { throw HTTPSystemError(call: "listen", errno: errno) }
            try setNonBlocking(fd)
            return fd
        } catch {
            close(fd)
            throw error
        }
    }

    /// Accepts one connection, non-blocking and close-on-exec; nil when none is pending.
    static func accept(_ listener: Int32) throws -> Int32? {
        #if canImport(Darwin)
            let fd = Darwin.accept(listener, nil, nil)
        #else
            let fd = Glibc.accept(listener, nil, nil)
        #endif
        if fd < 0 {
            switch errno {
            case EAGAIN, EWOULDBLOCK, EINTR, ECONNABORTED, EPROTO: return nil
            default: throw HTTPSystemError(call: "accept", errno: errno)
            }
        }
        setCloseOnExec(fd)
        do { try setNonBlocking(fd) } catch {
            close(fd)
            return nil
        }
        #if canImport(Darwin)
            var noSignal: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &noSignal, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return fd
    }

    static func setNonBlocking(_ fd: Int32) throws {
        let flags = fcntl(fd, F_GETFL, 0)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else {
            throw HTTPSystemError(call: "fcntl", errno: errno)
        }
    }

    static func setCloseOnExec(_ fd: Int32) {
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }

    /// The local address of a socket.
    static func localAddress(_ fd: Int32) -> HTTPSocketAddress? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return result == 0 ? address(storage) : nil
    }

    /// The peer address of a connected socket.
    static func peerAddress(_ fd: Int32) -> HTTPSocketAddress? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(fd, $0, &length) }
        }
        return result == 0 ? address(storage) : nil
    }

    static func address(_ storage: sockaddr_storage) -> HTTPSocketAddress? {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(storage.ss_family) {
        case AF_INET:
            var address = withUnsafeBytes(of: storage) { $0.loadUnaligned(as: sockaddr_in.self) }
            guard inet_ntop(AF_INET, &address.sin_addr, &text, socklen_t(text.count)) != nil else { return nil }
            return HTTPSocketAddress(host: string(text), port: UInt16(bigEndian: address.sin_port))
        case AF_INET6:
            var address = withUnsafeBytes(of: storage) { $0.loadUnaligned(as: sockaddr_in6.self) }
            guard inet_ntop(AF_INET6, &address.sin6_addr, &text, socklen_t(text.count)) != nil else { return nil }
            return HTTPSocketAddress(
                host: IPAddress.unmapped(string(text)), port: UInt16(bigEndian: address.sin6_port))
        default:
            return nil
        }
    }

    static func string(_ text: [CChar]) -> String {
        String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Waits for `events` on `fd` (and readability of `wake`, if given) for at most
    /// `milliseconds` (-1: no limit). Returns which of the two is ready, none on timeout.
    static func wait(_ fd: Int32, events: Int16, wake: Int32?, milliseconds: Int32) -> (ready: Bool, woken: Bool) {
        var fds = [pollfd(fd: fd, events: events, revents: 0)]
        if let wake { fds.append(pollfd(fd: wake, events: Int16(POLLIN), revents: 0)) }
        let result = fds.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), milliseconds) }
        guard result > 0 else { return (false, false) }
        let woken = fds.count > 1 && fds[1].revents != 0
        return (fds[0].revents != 0, woken)
    }
}

/// `listen` is shadowed inside ``Socket`` by its own static method.
@inline(__always)
private func Glibc_or_Darwin_listen(_ fd: Int32, _ backlog: Int32) -> Int32 {
    listen(fd, backlog)
}

/// IP address text, canonicalised with the system's own parser.
enum IPAddress {
    /// The canonical text of an IPv4 or IPv6 literal (`::FFFF:1.2.3.4` → `1.2.3.4`), or nil.
    static func canonical(_ text: String) -> String? {
        var v4 = in_addr()
        var v6 = in6_addr()
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        if inet_pton(AF_INET, text, &v4) == 1 {
            guard inet_ntop(AF_INET, &v4, &buffer, socklen_t(buffer.count)) != nil else { return nil }
            return Socket.string(buffer)
        }
        if inet_pton(AF_INET6, text, &v6) == 1 {
            guard inet_ntop(AF_INET6, &v6, &buffer, socklen_t(buffer.count)) != nil else { return nil }
            return unmapped(Socket.string(buffer))
        }
        return nil
    }

    /// `::ffff:a.b.c.d` as `a.b.c.d`; other text unchanged.
    static func unmapped(_ text: String) -> String {
        let prefix = "::ffff:"
        guard text.asciiLowercased.hasPrefix(prefix) else { return text }
        let rest = String(text.dropFirst(prefix.count))
        var v4 = in_addr()
        return inet_pton(AF_INET, rest, &v4) == 1 ? rest : text
    }
}
