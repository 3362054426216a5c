// Command migrate is a goose binary with this directory's Go migrations built in.
package main

func main() {
	run()
}
