import { Component, type ErrorInfo, type ReactNode } from 'react'

// A screen that fails to render shows what happened and a way out, instead of
// leaving the window blank. `resetKey` (the route) clears it on navigation.

interface Props { resetKey: string; children: ReactNode }
interface State { error: Error | null; key: string }

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey }

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error }
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('A screen failed to render', error, info.componentStack)
  }

  override render() {
    if (!this.state.error) return this.props.children
    return (
      <div className="error-state" role="alert">
        <p>This screen could not be shown: {this.state.error.message}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    )
  }
}
