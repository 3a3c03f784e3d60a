import Hummingbird
import NIOCore
import OtklikStore

/// Per-request state: who is calling (an API key or a logged-in user) and in which language to answer.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The API key that authenticated this request, for `/api/v1`.
    public var apiKey: ApiKey?
    /// The dashboard user of this request's session.
    public var user: User?
    /// The signed-in user's unread notifications, for the navigation.
    public var unreadNotifications: Int?
    /// The session token from the cookie, kept for logout.
    public var sessionToken: String?
    /// The connected peer (the proxy's address when behind one), for per-client limits on public forms.
    public let remoteAddress: SocketAddress?

    public init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// JSON and form bodies are read with explicit limits by each controller.
    public var maxUploadSize: Int { 8 * 1024 * 1024 }
}
