/// Why a ClickHouse request failed: the server's own message, or an answer this client could not read.
public enum ClickHouseError: Error, CustomStringConvertible, Equatable {
    /// The server answered with an HTTP error status and this text (ClickHouse's `Code: N, e.displayText() = …`).
    case server(status: Int, message: String)
    /// A result row that does not have the columns the query asked for.
    case unreadableRow(String)
    /// A database or table name outside `[A-Za-z0-9_]` (names are put into SQL, so only those are accepted).
    case invalidName(String)
    /// `OTKLIK_CLICKHOUSE_URL` (or a test's URL) is not an `http://` address.
    case invalidURL(String)
    /// A query filtered by customers (a segment): the ClickHouse table holds no customer column.
    case customerFilter

    public var description: String {
        switch self {
        case .server(let status, let message): "ClickHouse answered \(status): \(message.prefix(500))"
        case .unreadableRow(let row): "ClickHouse returned a row this client cannot read: \(row.prefix(200))"
        case .invalidName(let name): "'\(name)' is not a ClickHouse name this client accepts (letters, digits, _)"
        case .customerFilter: "segment: figures by segment need the in-process analytics engine; this server uses ClickHouse, whose facts carry no customer"
        case .invalidURL(let text): "clickhouse url: '\(text)' is not an http(s):// address (http://USER:PASSWORD@HOST:PORT/?database=NAME)"
        }
    }
}
