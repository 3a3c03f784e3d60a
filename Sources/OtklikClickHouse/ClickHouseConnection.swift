import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A ClickHouse server spoken to over its HTTP interface (port 8123 by default): each statement is one POST whose
/// body is the SQL (or, for an insert, the SQL in the `query` parameter and the rows in the body). User and password
/// travel as HTTP basic authentication, never in the query string.
public struct ClickHouseConnection: Sendable {
    public let endpoint: String
    let authorization: String?
    let client: HTTPClient
    let timeout: TimeAmount

    /// `http://USER:PASSWORD@HOST:PORT` (user and password optional; see ``ClickHouseAddress``).
    public init(url: String, client: HTTPClient = .shared, timeout: TimeAmount = .seconds(60)) throws(ClickHouseError) {
        self.init(address: try ClickHouseAddress(url: url), client: client, timeout: timeout)
    }

    public init(address: ClickHouseAddress, client: HTTPClient = .shared, timeout: TimeAmount = .seconds(60)) {
        endpoint = address.endpoint
        authorization = address.authorization
        self.client = client
        self.timeout = timeout
    }

    /// Runs one statement and returns the whole answer as text.
    @discardableResult
    public func execute(_ sql: String) async throws -> String {
        try await post(url: endpoint, body: sql)
    }

    /// Runs `INSERT … FORMAT …` with the rows as the request body.
    public func insert(_ statement: String, rows: String) async throws {
        var parts = URLComponents(string: endpoint)!
        parts.queryItems = [URLQueryItem(name: "query", value: statement)]
        _ = try await post(url: parts.string!, body: rows)
    }

    private func post(url: String, body: String) async throws -> String {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        request.headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await client.execute(request, timeout: timeout)
        let bytes = try await response.body.collect(upTo: 256 * 1024 * 1024)
        let text = String(buffer: bytes)
        guard response.status == .ok else { throw ClickHouseError.server(status: Int(response.status.code), message: text) }
        return text
    }
}
