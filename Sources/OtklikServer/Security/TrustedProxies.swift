import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The reverse proxies and load balancers whose `X-Forwarded-For` Otklik believes (`otklik.trusted.proxies`,
/// addresses and CIDR blocks such as `127.0.0.1, 10.0.0.0/8, ::1`). Empty by default: the connected peer is the client
/// and any `X-Forwarded-For` is ignored, so a client cannot pick the address its limits are counted under.
public struct TrustedProxies: Sendable, Equatable {
    /// One address block: its bytes (4 or 16) and the prefix length.
    struct Block: Sendable, Equatable {
        var bytes: [UInt8]
        var prefix: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var left = prefix
            for index in bytes.indices where left > 0 {
                let bits = min(8, left)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if address[index] & mask != bytes[index] & mask { return false }
                left -= bits
            }
            return true
        }
    }

    var blocks: [Block] = []

    public init() {}

    /// Parses a comma-separated list; throws on an entry that is not an address or a CIDR block.
    public init(list: String) throws {
        for entry in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
            guard let bytes = Self.bytes(of: parts[0]) else { throw InvalidProxy(entry: entry) }
            var prefix = bytes.count * 8
            if parts.count == 2 {
                guard let given = Int(parts[1]), (0...bytes.count * 8).contains(given) else { throw InvalidProxy(entry: entry) }
                prefix = given
            }
            blocks.append(Block(bytes: bytes, prefix: prefix))
        }
    }

    public var isEmpty: Bool { blocks.isEmpty }

    /// Whether `address` (textual IPv4 or IPv6) is one of the trusted proxies.
    public func contains(_ address: String) -> Bool {
        guard let bytes = Self.bytes(of: address) else { return false }
        return blocks.contains { $0.contains(bytes) }
    }

    /// The client of a request from `peer` with these `X-Forwarded-For` values: the peer itself unless it is a trusted
    /// proxy; else the rightmost forwarded address that is not a trusted proxy (the hops to its right were added by
    /// proxies Otklik trusts, those to its left by the client, who can write anything there). Unparseable entries end
    /// the walk at the last trusted hop.
    public func client(peer: String, forwardedFor headers: [String]) -> String {
        guard contains(peer) else { return peer }
        let hops = headers.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var client = peer
        for hop in hops.reversed() {
            guard Self.bytes(of: hop) != nil else { return client }
            client = hop
            if !contains(hop) { return hop }
        }
        return client
    }

    /// The bytes of a textual IPv4 or IPv6 address (an IPv4-mapped IPv6 address counts as IPv4); nil when it is neither.
    static func bytes(of text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF { return Array(bytes[12...]) }
            return bytes
        }
        return nil
    }

    /// An entry of the list that is neither an address nor a CIDR block.
    public struct InvalidProxy: Error, CustomStringConvertible {
        public var entry: String
        public var description: String { "'\(entry)' is not an IP address or a CIDR block such as 10.0.0.0/8" }
    }
}
