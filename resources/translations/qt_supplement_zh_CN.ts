<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<!-- Texts Qt's own zh_CN catalogue (qtbase_zh_CN.qm) lacks because Qt changed them after it was last
     translated: with PySide6 6.12 the file dialog's labels gained mnemonics and the file type moved to
     QAbstractFileIconProvider, so the Qt file dialog read "Look in:", "Files of type:", "Folder" (F12).
     Compile after a change: .venv/bin/pyside6-lrelease qt_supplement_zh_CN.ts -qm qt_supplement_zh_CN.qm
     (tests/ui/test_explore_fixes_2.py checks that the .qm matches). -->
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
    <message>
        <source>Files of t&amp;ype:</source>
        <translation>文件类型(&amp;Y)：</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>%1 文件</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷方式</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>替身</translation>
    </message>
</context>
</TS>
