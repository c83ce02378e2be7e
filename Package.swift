// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "bazar",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bazar", targets: ["bazar"]),
        .library(name: "BazarCore", targets: ["BazarCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // libedit, the BSD line editor (Debian: libedit-dev).
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // libxlsxwriter, which writes Excel workbooks (Debian: libxlsxwriter-dev). 1.1.4 writes to files only.
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // Everything testable: language, store, commands, reports, rendering. No terminal code.
        .target(
            name: "BazarCore",
            dependencies: [
                "CXlsxWriter",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API, for the one statement bound by hand: inserting a sale.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // SQLite's process-wide settings (sqlite3_config is variadic: C only).
        .target(name: "CSQLiteSetup"),
        // The executable: command line, the input loop, the libedit shell.
        .executableTarget(
            name: "bazar",
            dependencies: [
                "BazarCore",
                "CEditLine",
                "CSQLiteSetup",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "BazarCoreTests", dependencies: ["BazarCore"]),
        // Runs the built `bazar` binary on scripts and under a pseudo-terminal.
        .testTarget(name: "EndToEndTests", dependencies: ["BazarCore"]),
    ],
    swiftLanguageModes: [.v6]
)
