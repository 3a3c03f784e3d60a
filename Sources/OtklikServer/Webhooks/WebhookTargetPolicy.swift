import Foundation
import OtklikCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where webhooks may be delivered (server-side request forgery): never to loopback, link-local, private,
/// carrier-grade NAT, multicast or unspecified addresses, in IPv4 or IPv6 (IPv4-mapped IPv6 included), whether the
/// URL names the address or a host name resolves to it at delivery time — unless an administrator lists the host
/// in `otklik.webhook.allow.hosts` (OTKLIK_WEBHOOK_ALLOW_HOSTS, comma-separated, e.g. `127.0.0.1,hooks.internal`).
public struct WebhookTargetPolicy: Sendable {
    /// Host names or address literals (lower case) allowed whatever they resolve to.
    public let allowedHosts: Set<String>

    public init(allowedHosts: some Sequence<String> = []) {
        self.allowedHosts = Set(allowedHosts.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
    }

    /// Checks a URL when a webhook is created: an http(s) URL whose host is not a refused address or `localhost`.
    public func check(url text: String) throws(OtklikError) {
        guard let url = URLComponents(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
            let host = url.host?.lowercased(), !host.isEmpty
        else { throw .invalid("url", "the webhook URL must be an http or https URL") }
        let bare = host.trimmingCharacters(in: ["[", "]"])
        guard !allowedHosts.contains(bare) else { return }
        if bare == "localhost" || bare.hasSuffix(".localhost") || Self.address(bare).map(Self.isRefused) == true {
            throw .invalid("url", "webhooks to loopback, link-local or private addresses are refused; an administrator can allow the host in otklik.webhook.allow.hosts")
        }
    }

    /// Checks a URL just before a delivery: nil when it may be sent, else why not (the host resolves to a refused address).
    public func refusal(url text: String) async -> String? {
        do {
            try check(url: text)
        } catch {
            return error.message
        }
        guard let host = URLComponents(string: text)?.host?.lowercased().trimmingCharacters(in: ["[", "]"]), !allowedHosts.contains(host) else {
            return nil
        }
        let addresses = await Task.detached { Self.resolve(host) }.value
        if addresses.isEmpty { return "cannot resolve \(host)" }
        if addresses.contains(where: Self.isRefused) {
            return "\(host) resolves to a loopback, link-local or private address; refused (allow it in otklik.webhook.allow.hosts)"
        }
        return nil
    }

    /// The bytes of an IPv4 (4) or IPv6 (16) address literal.
    static func address(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    /// Every address a host name resolves to now.
    static func resolve(_ host: String) -> [[UInt8]] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0 else { return [] }
        defer { freeaddrinfo(result) }
        var addresses: [[UInt8]] = []
        var next = result
        while let info = next {
            if let socket = info.pointee.ai_addr {
                switch info.pointee.ai_family {
                case AF_INET:
                    var address = socket.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                    addresses.append(withUnsafeBytes(of: &address) { Array($0) })
                case AF_INET6:
                    var address = socket.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                    addresses.append(withUnsafeBytes(of: &address) { Array($0) })
                default: break
                }
            }
            next = info.pointee.ai_next
        }
        return addresses
    }

    /// Whether an address (4 or 16 bytes) is one a webhook must not reach.
    static func isRefused(_ bytes: [UInt8]) -> Bool {
        if bytes.count == 4 {
            let (a, b) = (bytes[0], bytes[1])
            return a == 0 || a == 10 || a == 127 || (a == 100 && (64...127).contains(b)) || (a == 169 && b == 254)
                || (a == 172 && (16...31).contains(b)) || (a == 192 && b == 168) || (a == 192 && b == 0 && bytes[2] == 0)
                || (a == 198 && (18...19).contains(b)) || a >= 224
        }
        guard bytes.count == 16 else { return true }
        let prefix = bytes[0..<12]
        // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d): judge the IPv4 address.
        if prefix.elementsEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]) || prefix.allSatisfy({ $0 == 0 })
            || prefix.elementsEqual([0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]) {
            return isRefused(Array(bytes[12..<16]))
        }
        return (bytes[0] & 0xFE) == 0xFC  // unique local fc00::/7
            || (bytes[0] == 0xFE && (bytes[1] & 0xC0) == 0x80)  // link-local fe80::/10
            || (bytes[0] == 0xFE && (bytes[1] & 0xC0) == 0xC0)  // site-local fec0::/10
            || bytes[0] == 0xFF  // multicast
    }
}
