from thrive.cli import main

main(prog_name="thrive")
