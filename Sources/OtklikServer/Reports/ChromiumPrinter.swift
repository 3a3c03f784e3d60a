import Foundation
import OtklikCore

/// Prints an HTML document to PDF with headless Chromium (`--print-to-pdf`), when Chromium is installed: the page's
/// own print style sheet (A4, a page break before each section, no navigation) lays the pages out, so the PDF is the
/// printed web page, charts included. Chromium is optional: without it the PDF is refused with a message that says
/// how to get it, and everything else works.
struct ChromiumPrinter: Sendable {
    let executable: String
    /// How long a print may take before it is abandoned.
    var timeout: Duration = .seconds(90)

    /// `OTKLIK_CHROMIUM` when set, else the first of `chromium`, `chromium-browser`, `google-chrome`,
    /// `google-chrome-stable` on the `PATH`; nil when none is installed.
    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> ChromiumPrinter? {
        let manager = FileManager.default
        if let chosen = environment["OTKLIK_CHROMIUM"], !chosen.isEmpty {
            return manager.isExecutableFile(atPath: chosen) ? ChromiumPrinter(executable: chosen) : nil
        }
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in folders where manager.isExecutableFile(atPath: "\(folder)/\(name)") {
                return ChromiumPrinter(executable: "\(folder)/\(name)")
            }
        }
        return nil
    }

    /// The refusal when no Chromium is installed (HTTP 503, CLI exit 1).
    static let missing = OtklikError(
        .unavailable,
        "the PDF is printed by headless Chromium, which is not installed: install the chromium package (apt-get install chromium) "
            + "or set OTKLIK_CHROMIUM to its path; the HTML report prints to PDF from any browser, and the XLSX needs nothing")

    /// The PDF of a self-contained HTML document (its style sheet inline; it loads nothing).
    func pdf(html: String) async throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html"), output = folder.appendingPathComponent("report.pdf")
        try Data(html.utf8).write(to: page)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(folder.appendingPathComponent("profile").path)", "--no-pdf-header-footer",
            "--print-to-pdf=\(output.path)", page.absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try await run(process)
        guard let data = try? Data(contentsOf: output), data.starts(with: Data("%PDF".utf8)) else {
            throw OtklikError(.internal, "Chromium (\(executable)) printed no PDF (exit status \(process.terminationStatus))")
        }
        return data
    }

    /// Runs the process to its end, or terminates it after ``timeout``.
    private func run(_ process: Process) async throws {
        let finished = AsyncStream<Void> { continuation in
            process.terminationHandler = { _ in continuation.yield(); continuation.finish() }
        }
        try process.run()
        let timeout = self.timeout
        let timedOut = await withTaskGroup(of: Bool.self) { group in
            group.addTask { for await _ in finished { return false }; return false }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return !Task.isCancelled
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        if timedOut {
            process.terminate()
            throw OtklikError(.unavailable, "Chromium took longer than \(timeout) to print the PDF")
        }
    }
}
