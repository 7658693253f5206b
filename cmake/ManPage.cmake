# cmake -DDEVLIFE=path/to/devlife -DRULE_DIR=checks -DOUT=devlife.1
#       -DMODULE=lib/devlife/libdevlife-tidy.so -DMODEL=share/devlife/api-model.json
#       -DDOCDIR=share/doc/devlife -P ManPage.cmake
#
# Writes devlife(1) from what devlife itself says, so the page cannot drift
# from the program: the overview, commands and options of `devlife --help`
# and `devlife COMMAND --help`, the extra sections --help ends with (exit
# status, the Kbuild checker), and one section per rule of
# `devlife list-checks`, its text converted from the rule page RULE_DIR/ID.md.
# Paths in FILES are written under the token @DEVLIFE_PREFIX@, which
# InstallManPage.cmake replaces with the prefix given at install time.
#
# llvm::cl help is regular: a heading at column 0 ends in ':', an entry is
# "  TERM - DESCRIPTION" (values of an option are indented further). The
# rule pages use a small part of Markdown: '#'/'##' headings, paragraphs,
# '- ' lists, ``` code blocks and `code` spans.

cmake_minimum_required(VERSION 3.20)

# CMake lists are ';'-separated and '[' ']' stop the splitting: hide all
# three while text is handled as a list of lines, restore them at the end.
string(ASCII 1 SEMI)
string(ASCII 2 LBRACKET)
string(ASCII 3 RBRACKET)

function(to_lines text out)
  string(REPLACE ";" "${SEMI}" text "${text}")
  string(REPLACE "[" "${LBRACKET}" text "${text}")
  string(REPLACE "]" "${RBRACKET}" text "${text}")
  string(REPLACE "\n" ";" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# Text for roff: backslashes and hyphens escaped (so options stay ASCII
# minus signs a reader can paste), a '.' or "'" starting a line kept literal,
# `code` in bold.
function(roff text out)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  string(REGEX REPLACE "`([^`]*)`" "\\\\fB\\1\\\\fR" text "${text}")
  string(REGEX REPLACE "^([.'])" "\\\\&\\1" text "${text}")
  string(REPLACE "\n." "\n\\&." text "${text}")
  string(REPLACE "\n'" "\n\\&'" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# "  TERM   - DESCRIPTION" split at its first " - " (a description may hold
# one too); TERM empty when the line is no entry.
function(help_entry line term_out desc_out)
  set(term "")
  set(desc "")
  string(FIND "${line}" " - " at)
  if(line MATCHES "^  +[^ ]" AND at GREATER 0)
    string(SUBSTRING "${line}" 0 ${at} term)
    math(EXPR at "${at} + 3")
    string(SUBSTRING "${line}" ${at} -1 desc)
    string(STRIP "${term}" term)
    string(STRIP "${desc}" desc)
  endif()
  set(${term_out} "${term}" PARENT_SCOPE)
  set(${desc_out} "${desc}" PARENT_SCOPE)
endfunction()

function(run_devlife out)
  execute_process(COMMAND "${DEVLIFE}" ${ARGN}
                  OUTPUT_VARIABLE text RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "devlife ${ARGN} failed (${rc}): ${err}")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# The entries of an llvm::cl help between OPTIONS: and the next upper-case
# heading, as roff .TP items; the "Generic Options" (--help, --help-list,
# --version) only when KEEP_GENERIC is set. Values of an option (=auto)
# become an indented list under it.
function(help_options help keep_generic out)
  to_lines("${help}" lines)
  set(roff_text "")
  set(in_options FALSE)
  set(skip FALSE)
  set(in_values FALSE)
  foreach(line IN LISTS lines)
    if(line MATCHES "^OPTIONS:")
      set(in_options TRUE)
      continue()
    endif()
    if(NOT in_options)
      continue()
    endif()
    if(line MATCHES "^[A-Z][A-Z ]+:$")
      break() # the extra help --help ends with: sections of their own
    endif()
    if(line MATCHES "^[^ ].*:$")
      set(skip FALSE)
      if(line STREQUAL "Generic Options:" AND NOT keep_generic)
        set(skip TRUE)
      endif()
      continue()
    endif()
    if(skip)
      continue()
    endif()
    help_entry("${line}" term desc)
    if(term STREQUAL "")
      continue()
    endif()
    roff("${term}" term)
    roff("${desc}" desc)
    if(line MATCHES "^    =" AND NOT in_values)
      string(APPEND roff_text ".RS\n")
      set(in_values TRUE)
    elseif(NOT line MATCHES "^    =" AND in_values)
      string(APPEND roff_text ".RE\n")
      set(in_values FALSE)
    endif()
    string(APPEND roff_text ".TP\n\\fB${term}\\fR\n${desc}\n")
  endforeach()
  if(in_values)
    string(APPEND roff_text ".RE\n")
  endif()
  set(${out} "${roff_text}" PARENT_SCOPE)
endfunction()

# The sections after the options of the top-level help (cl::extrahelp):
# "HEADING:" becomes .SH, "  TERM - DESCRIPTION" a .TP item, other lines text.
function(help_extra_sections help out)
  to_lines("${help}" lines)
  set(roff_text "")
  set(after_options FALSE)
  set(in_extra FALSE)
  foreach(line IN LISTS lines)
    if(line MATCHES "^OPTIONS:")
      set(after_options TRUE)
      continue()
    endif()
    if(after_options AND line MATCHES "^([A-Z][A-Z ]+):$")
      string(APPEND roff_text ".SH ${CMAKE_MATCH_1}\n")
      set(in_extra TRUE)
      continue()
    endif()
    if(NOT in_extra)
      continue()
    endif()
    help_entry("${line}" term desc)
    if(NOT term STREQUAL "")
      roff("${term}" term)
      roff("${desc}" desc)
      string(APPEND roff_text ".TP\n\\fB${term}\\fR\n${desc}\n")
    elseif(line MATCHES "^ *([^ ].*)$")
      roff("${CMAKE_MATCH_1}" text)
      string(APPEND roff_text "${text}\n")
    endif()
  endforeach()
  set(${out} "${roff_text}" PARENT_SCOPE)
endfunction()

# A rule page, its '# id' title left out (the section is named by the id).
# A paragraph or list item is collected whole before it is converted, so a
# `code` span may cross a line break.
macro(flush_block)
  if(NOT block STREQUAL "")
    roff("${block}" block)
    string(APPEND roff_text "${block_start}${block}\n")
    set(block "")
  endif()
endmacro()

function(markdown_to_roff file out)
  file(READ "${file}" md)
  to_lines("${md}" lines)
  set(roff_text "")
  set(block "")
  set(block_start "")
  set(in_code FALSE)
  foreach(line IN LISTS lines)
    if(line MATCHES "^```")
      flush_block()
      if(in_code)
        string(APPEND roff_text ".fi\n.RE\n")
        set(in_code FALSE)
      else()
        string(APPEND roff_text ".PP\n.RS 4\n.nf\n")
        set(in_code TRUE)
      endif()
    elseif(in_code)
      string(REPLACE "\\" "\\e" line "${line}")
      string(REGEX REPLACE "^([.'])" "\\\\&\\1" line "${line}")
      string(APPEND roff_text "${line}\n")
    elseif(line MATCHES "^# ")
      flush_block()
    elseif(line MATCHES "^## (.*)$")
      flush_block()
      roff("${CMAKE_MATCH_1}" heading)
      string(APPEND roff_text ".PP\n\\fI${heading}\\fR\n")
    elseif(line MATCHES "^- (.*)$")
      flush_block()
      set(block_start ".IP \\(bu 2\n")
      set(block "${CMAKE_MATCH_1}")
    elseif(line MATCHES "^ *$")
      flush_block()
    else()
      string(STRIP "${line}" line)
      if(block STREQUAL "")
        set(block_start ".PP\n")
        set(block "${line}")
      else()
        string(APPEND block "\n${line}")
      endif()
    endif()
  endforeach()
  flush_block()
  set(${out} "${roff_text}" PARENT_SCOPE)
endfunction()

run_devlife(top --help)
run_devlife(version_text --version)
run_devlife(rules list-checks)
string(REGEX MATCH "devlife version ([^\n]*)" _ "${version_text}")
set(version "${CMAKE_MATCH_1}")

# OVERVIEW: "devlife: SUMMARY" and then more lines up to USAGE:.
string(REGEX MATCH "OVERVIEW: devlife: ([^\n]*)\n(.*)\nUSAGE:" _ "${top}")
roff("${CMAKE_MATCH_1}" summary)
to_lines("${CMAKE_MATCH_2}" overview_lines)
set(description "")
foreach(line IN LISTS overview_lines)
  string(STRIP "${line}" line)
  if(line STREQUAL "")
    string(APPEND description ".PP\n")
  else()
    roff("${line}" line)
    string(APPEND description "${line}\n")
  endif()
endforeach()

set(man ".\\\" Generated by cmake/ManPage.cmake from devlife --help and checks/*.md: do not edit.\n")
string(APPEND man ".TH DEVLIFE 1 \"\" \"devlife ${version}\" \"User Commands\"\n")
# Option names and paths read best unhyphenated and ragged right.
string(APPEND man ".nh\n.ad l\n")
string(APPEND man ".SH NAME\ndevlife \\- ${summary}\n")

# The commands, from the SUBCOMMANDS list; internal ones left out.
string(REGEX MATCH "SUBCOMMANDS:\n\n(.*)\n\n +Type " _ "${top}")
to_lines("${CMAKE_MATCH_1}" command_lines)
set(synopsis "")
set(commands "")
foreach(line IN LISTS command_lines)
  if(NOT line MATCHES "^  ([^ ]+) +- (.*)$")
    continue()
  endif()
  set(name "${CMAKE_MATCH_1}")
  set(desc "${CMAKE_MATCH_2}")
  if(desc MATCHES "^Internal:")
    continue()
  endif()
  run_devlife(help ${name} --help)
  string(REGEX MATCH "\nUSAGE: devlife ${name} ([^\n]*)" _ "${help}")
  roff("${CMAKE_MATCH_1}" usage)
  roff("${name}" rname)
  roff("${desc}" desc)
  help_options("${help}" FALSE options)
  string(APPEND synopsis "\\fBdevlife ${rname}\\fR ${usage}\n.br\n")
  string(APPEND commands ".SS \"devlife ${rname}\"\n${desc}.\n${options}")
endforeach()

string(APPEND man ".SH SYNOPSIS\n${synopsis}\\fBdevlife \\-\\-version\\fR\n")
string(APPEND man ".SH DESCRIPTION\n${description}")
string(APPEND man ".SH COMMANDS\n${commands}")
help_options("${top}" TRUE generic)
string(APPEND man ".SH OPTIONS\n${generic}")
help_extra_sections("${top}" extra)
string(APPEND man "${extra}")

string(APPEND man ".SH RULES\n")
string(APPEND man "Each rule is an audit rule, a SARIF ruleId and a clang\\-tidy check of the same name.\n")
to_lines("${rules}" rule_lines)
foreach(line IN LISTS rule_lines)
  if(NOT line MATCHES "^(devlife-[^\t]+)\t")
    continue()
  endif()
  set(id "${CMAKE_MATCH_1}")
  if(NOT EXISTS "${RULE_DIR}/${id}.md")
    message(FATAL_ERROR "rule ${id} has no page ${RULE_DIR}/${id}.md")
  endif()
  markdown_to_roff("${RULE_DIR}/${id}.md" page)
  roff("${id}" rid)
  string(APPEND man ".SS ${rid}\n${page}")
endforeach()

foreach(path MODULE MODEL DOCDIR)
  roff("@DEVLIFE_PREFIX@/${${path}}" ${path}_roff)
endforeach()
string(APPEND man ".SH FILES\n"
  ".TP\n\\fB${MODULE_roff}\\fR\n"
  "The clang\\-tidy module: \\fBclang\\-tidy\\-22 \\-\\-load=${MODULE_roff} \\-\\-checks='\\-*,devlife\\-*'\\fR.\n"
  ".TP\n\\fB${MODEL_roff}\\fR\n"
  "The API model built into devlife and the module, to read; \\fB\\-\\-api\\-model\\fR files extend it.\n"
  ".TP\n\\fB${DOCDIR_roff}/rules/\\fR\n"
  "The rule pages the RULES section is made from.\n"
  ".TP\n\\fB${DOCDIR_roff}/examples/\\fR\n"
  "Editor, CI and Kbuild examples.\n")
string(APPEND man ".SH SEE ALSO\n\\fBclang\\-tidy\\-22\\fR(1)\n")

string(REPLACE "${SEMI}" ";" man "${man}")
string(REPLACE "${LBRACKET}" "[" man "${man}")
string(REPLACE "${RBRACKET}" "]" man "${man}")
file(WRITE "${OUT}" "${man}")
