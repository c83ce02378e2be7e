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
        // The zip container of .xlsx files (`import orders`); needs zlib (Debian: zlib1g-dev).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // libedit, the BSD line editor (Debian: libedit-dev).
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // libpq, PostgreSQL's C client (Debian: libpq-dev), for a store on a PostgreSQL server (SPEC section 11).
        // Chosen over postgres-nio: synchronous calls suit a shell that runs one line at a time, COPY and
        // pipelining serve bulk loads, PQcancel serves Ctrl-C, and it adds no 3-4 minute package build to CI.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
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
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                "CLibPQ",
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
        .testTarget(name: "BazarCoreTests", dependencies: ["BazarCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Runs the built `bazar` binary on scripts and under a pseudo-terminal.
        .testTarget(name: "EndToEndTests", dependencies: ["BazarCore"]),
        // Against a real PostgreSQL server ($BAZAR_TEST_PG, started by scripts/pg-cluster).
        .testTarget(name: "PostgresTests", dependencies: ["BazarCore"]),
        // The command line's two readers (Sources/bazar/CommandLineSettings.swift) compared.
        .testTarget(name: "CommandLineReaderTests", dependencies: ["bazar"]),
    ],
    swiftLanguageModes: [.v6]
)
