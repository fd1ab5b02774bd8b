/* The built-in keymap and screens (see embedded.h). Paths are relative to
 * the repository root, where make runs; each text gets a NUL so C can use
 * it as a string. */
    .section .rodata
    .globl fd_embedded_default_keymap
    .type fd_embedded_default_keymap, @object
fd_embedded_default_keymap:
    .incbin "keymaps/default.keymap"
    .byte 0
    .size fd_embedded_default_keymap, . - fd_embedded_default_keymap

    .globl fd_embedded_search_screen
    .type fd_embedded_search_screen, @object
fd_embedded_search_screen:
    .incbin "screens/search.screen"
    .byte 0
    .size fd_embedded_search_screen, . - fd_embedded_search_screen

    .globl fd_embedded_customer_screen
    .type fd_embedded_customer_screen, @object
fd_embedded_customer_screen:
    .incbin "screens/customer.screen"
    .byte 0
    .size fd_embedded_customer_screen, . - fd_embedded_customer_screen

    .section .note.GNU-stack,"",@progbits
