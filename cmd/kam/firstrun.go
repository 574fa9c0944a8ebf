package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"kam/internal/demo"
	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
)

// cmdDemo runs `kam demo users`: the demo sign-ins of a database the demo
// was loaded into, so that they stay findable after the first start.
func cmdDemo(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "users" {
		return usageError("usage: kam demo users [--db kam.db]")
	}
	fs := newFlags("demo users", stdout)
	dsn := dbFlag(fs)
	if err := fs.Parse(args[1:]); err != nil {
		return usageError(err.Error())
	}
	svc, closeDB, err := openService(ctx, *dsn, nil)
	if err != nil {
		return err
	}
	defer closeDB()
	users, err := demo.SignIns(ctx, svc)
	if err != nil {
		return err
	}
	if len(users) == 0 {
		fmt.Fprintln(stdout, "No demo sign-ins in this database (the demo was not loaded, or its passwords were changed).")
		fmt.Fprintln(stdout, "此数据库中没有演示账号（未加载演示数据，或密码已修改）。")
		return nil
	}
	printCredentials(stdout, demo.Credentials{Users: users})
	return nil
}

// greet tells the person who started kam how to sign in: the demo
// sign-ins of a demo database, or the command that creates the first
// administrator of a database without users.
func greet(ctx context.Context, svc *service.Service, stdout io.Writer) error {
	users, _, err := svc.Users.List(ctx, kam.System, store.UserFilter{ListOptions: store.ListOptions{Limit: 1}})
	if err != nil {
		return fmt.Errorf("list users: %w", err)
	}
	if len(users) == 0 {
		fmt.Fprintln(stdout, "This database has no users yet. Create the first administrator with:")
		fmt.Fprintln(stdout, "数据库中还没有用户。用下面的命令创建第一个管理员：")
		fmt.Fprintln(stdout, "  kam user add --role admin --email you@example.com --name 'Your Name'")
		fmt.Fprintln(stdout, "(or start with --demo on an empty database to try kam with demo data / 或在空数据库上加 --demo 启动以试用演示数据)")
		return nil
	}
	signIns, err := demo.SignIns(ctx, svc)
	if err != nil {
		return err
	}
	if len(signIns) > 0 {
		fmt.Fprintln(stdout, "This database holds the demo. 此数据库中有演示数据。")
		printCredentials(stdout, demo.Credentials{Users: signIns})
	}
	return nil
}

// versionString is kam's version: the one set at build time with -ldflags,
// else the module version and the commit Go recorded in the binary.
func versionString(info *debug.BuildInfo, ok bool) string {
	if version != "dev" || !ok {
		return version
	}
	v := info.Main.Version
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	var parts []string
	if v != "" && v != "(devel)" {
		parts = append(parts, v)
	} else {
		parts = append(parts, "dev")
	}
	if rev := settings["vcs.revision"]; rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if settings["vcs.modified"] == "true" {
			rev += "+modified"
		}
		parts = append(parts, rev)
	}
	if at := settings["vcs.time"]; at != "" {
		parts = append(parts, at)
	}
	parts = append(parts, info.GoVersion)
	return strings.Join(parts, " ")
}
