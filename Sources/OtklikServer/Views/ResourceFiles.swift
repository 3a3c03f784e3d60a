import Foundation

/// The server's bundled files: templates, translations, the OpenAPI document, the stylesheet.
enum ResourceFiles {
    static var directory: URL {
        if let url = Bundle.module.url(forResource: "Resources", withExtension: nil) { return url }
        return Bundle.module.bundleURL.appendingPathComponent("Resources")
    }

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(relativePath))
    }
}
