using System.Diagnostics;
using BioTransformer.Experiments.Runs;

namespace BioTransformer.Tests.Security;

/// <summary>
/// Class 2 of the audit: recording a manifest folder's git state runs nothing the repository controls.
/// The repositories here are made with the git command line (only to set them up).
/// </summary>
public class GitStateTests
{
    private static string Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["HOME"] = directory;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)} failed");
        return output.Trim();
    }

    /// <summary>A repository with one commit whose config would run a program on `git status`.</summary>
    private static (string Repository, string Marker) HostileRepository()
    {
        var repository = Repo.TempDirectory();
        Git(repository, "init", "-q");
        Git(repository, "config", "user.email", "t@example.org");
        Git(repository, "config", "user.name", "t");
        File.WriteAllText(Path.Combine(repository, "data.csv"), "smiles,y\nCCO,1\n");
        Directory.CreateDirectory(Path.Combine(repository, "sub"));
        File.WriteAllText(Path.Combine(repository, "sub", "m.toml"), "schema = 1\n");
        Git(repository, "add", ".");
        Git(repository, "commit", "-q", "-m", "one");
        var marker = Path.Combine(repository, "EXECUTED");
        var hook = Path.Combine(repository, "monitor.sh");
        File.WriteAllText(hook, $"#!/bin/sh\ntouch '{marker}'\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Git(repository, "config", "core.fsmonitor", hook);
        File.WriteAllText(Path.Combine(repository, ".gitattributes"), "*.csv filter=evil\n");
        Git(repository, "config", "filter.evil.clean", $"sh -c 'touch {marker}; cat'");
        return (repository, marker);
    }

    [Fact]
    public void Of_ReadsCommitAndDirtiness_WithoutRunningAnythingTheRepositoryConfigures()
    {
        var (repository, marker) = HostileRepository();
        var head = Git(repository, "rev-parse", "HEAD");
        if (File.Exists(marker)) File.Delete(marker);   // git itself ran it while setting up

        var clean = GitState.Of(Path.Combine(repository, "sub"));
        Assert.Equal(head, clean.Commit);
        Assert.False(clean.Dirty);
        Assert.False(File.Exists(marker), "a repository-configured program ran");

        File.AppendAllText(Path.Combine(repository, "data.csv"), "CCN,2\n");
        Assert.Equal((head, true), GitState.Of(repository));
        Assert.False(File.Exists(marker), "a repository-configured program ran");
    }

    [Fact]
    public void Of_PackedRefsAndDeletedFiles_AreRead()
    {
        var (repository, _) = HostileRepository();
        var head = Git(repository, "rev-parse", "HEAD");
        Git(repository, "pack-refs", "--all");
        Assert.Equal(head, GitState.Of(repository).Commit);
        File.Delete(Path.Combine(repository, "sub", "m.toml"));
        Assert.True(GitState.Of(repository).Dirty);
    }

    [Fact]
    public void Of_NoRepository_IsUnknownNotAnError()
    {
        var folder = Path.Combine(Path.GetTempPath(), "biotransformer-tests", "no-git-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        // /tmp has no repository above it on these machines; if it had, the answer would be its state.
        var (commit, dirty) = GitState.Of(folder);
        if (commit is null) Assert.Null(dirty);
    }
}
